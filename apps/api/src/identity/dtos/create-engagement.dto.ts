import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateEngagementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerOrganisationId: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the caller's provider" })
  @IsOptional()
  @IsUUID()
  providerOrganisationId?: string;

  @ApiProperty({ example: 'Sakura Manufacturing MDR' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  accountManagerIds?: string[];
}

export class AssignAccountManagerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}
