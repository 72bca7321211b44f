import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BLOCKABLE_IOC_TYPES, BlockableIocType } from '@app/rollout';

export class AddBlockListEntryDto {
  @ApiProperty({ enum: BLOCKABLE_IOC_TYPES })
  @IsIn(BLOCKABLE_IOC_TYPES)
  type: BlockableIocType;

  @ApiProperty({
    description: 'Hash (hex), absolute Windows or POSIX path, domain (IDN allowed) or IP',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  value: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ description: 'A past incident of this engagement the IOC comes from' })
  @IsOptional()
  @IsUUID()
  sourceIncidentId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}
