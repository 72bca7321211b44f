import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class RejectVersionDto {
  @ApiProperty({
    minLength: 3,
    maxLength: 2000,
    example: 'The SLA for critical alerts is too slow',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

const DOCUMENT_FORMATS = ['html', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export class DocumentQueryDto {
  @ApiPropertyOptional({ enum: DOCUMENT_FORMATS, default: 'html' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS)
  format?: DocumentFormat;
}

/** Both optional: `to` defaults to the newest version, `from` to the one before `to`. */
export class CompareQueryDto {
  @ApiPropertyOptional({ minimum: 1, example: 1, description: 'default: the version before `to`' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  from?: number;

  @ApiPropertyOptional({ minimum: 1, example: 2, description: 'default: the newest version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  to?: number;
}
