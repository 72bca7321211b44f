import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { Language, LANGUAGES } from '@app/identity';

/** A person's own settings; the service checks the zone against the runtime's IANA list. */
export class PreferencesDto {
  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Asia/Tokyo',
    description: 'IANA time zone; null follows your organisation’s zone',
  })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;
}
