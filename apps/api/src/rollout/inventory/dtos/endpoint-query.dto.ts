import {
  ENDPOINT_TYPES,
  EndpointType,
  OS_FAMILIES,
  OsFamily,
  SUPPORT_STATUSES,
  SupportStatus,
} from '@app/rollout';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PagingQueryDto } from '../../../common/paging.dto';

export class EndpointListQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ example: 'Tokyo HQ' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  site?: string;

  @ApiPropertyOptional({ example: 'JP', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsString()
  @Length(2, 2)
  country?: string;

  @ApiPropertyOptional({ enum: ENDPOINT_TYPES })
  @IsOptional()
  @IsIn(ENDPOINT_TYPES)
  type?: EndpointType;

  @ApiPropertyOptional({ enum: OS_FAMILIES })
  @IsOptional()
  @IsIn(OS_FAMILIES)
  osFamily?: OsFamily;

  @ApiPropertyOptional({ enum: SUPPORT_STATUSES })
  @IsOptional()
  @IsIn(SUPPORT_STATUSES)
  supportStatus?: SupportStatus;

  @ApiPropertyOptional({ description: 'hostname prefix, case-insensitive', example: 'tky-' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  q?: string;
}

export class ImportQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'import the good rows and list the bad ones as skipped',
  })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean()
  skipInvalid?: boolean;
}
