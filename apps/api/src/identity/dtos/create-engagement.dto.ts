import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

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

  @ApiPropertyOptional({
    example: 'example-edr',
    description: 'Key of the EDR product (its support matrix); defaults to example-edr',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'must be a product key (lower case letters, digits, hyphens)',
  })
  edrProduct?: string;

  @ApiPropertyOptional({
    example: 'sakura-prod.console.example-edr.com',
    description: "The customer's tenant in the EDR console",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  edrTenant?: string;
}

export class AssignAccountManagerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}
