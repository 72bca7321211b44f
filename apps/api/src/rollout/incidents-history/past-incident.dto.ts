import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { INDICATOR_TYPES } from '@app/rollout';

class IndicatorDto {
  @ApiProperty({ enum: INDICATOR_TYPES })
  @IsString()
  type: string;

  @ApiProperty()
  @IsString()
  @MaxLength(8192)
  value: string;
}

export class CreatePastIncidentDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: '2024-06-01' })
  @IsISO8601({ strict: true })
  @MaxLength(10)
  occurredOn: string;

  @ApiProperty()
  @IsString()
  @MaxLength(10000)
  description: string;

  @ApiProperty({ example: 'ransomware via phishing attachment' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  technique: string;

  @ApiProperty({ type: [IndicatorDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators: IndicatorDto[];
}
