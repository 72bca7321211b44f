import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsObject, IsOptional } from 'class-validator';
import { CHANNELS, RESPONSE_ACTIONS } from '@app/agreements';
import { LANGUAGES } from '@app/identity';
import { ServiceHoursDto } from './agreement-content.dto';

class BestSlaDto {
  @ApiProperty({ minimum: 1, example: 15 })
  acknowledgeMinutes: number;

  @ApiProperty({ minimum: 1, example: 60 })
  respondMinutes: number;
}

class BestSlaBySeverityDto {
  @ApiProperty({ type: BestSlaDto })
  critical: BestSlaDto;

  @ApiProperty({ type: BestSlaDto })
  high: BestSlaDto;

  @ApiProperty({ type: BestSlaDto })
  medium: BestSlaDto;

  @ApiProperty({ type: BestSlaDto })
  low: BestSlaDto;
}

/** What a provider offers; fields are validated in the agreements lib, named by path. */
export class ServiceCatalogueDto {
  @ApiProperty({ enum: RESPONSE_ACTIONS, isArray: true })
  @IsOptional()
  @IsArray()
  supportedActions: string[];

  @ApiProperty({ enum: LANGUAGES, isArray: true })
  @IsOptional()
  @IsArray()
  languages: string[];

  @ApiProperty({
    type: ServiceHoursDto,
    description: "24x7, or business hours in the provider's time zone",
  })
  @IsOptional()
  @IsObject()
  serviceHours: ServiceHoursDto;

  @ApiProperty({
    type: BestSlaBySeverityDto,
    description: 'the fastest the provider can promise, per severity',
  })
  @IsOptional()
  @IsObject()
  bestSlaMinutes: BestSlaBySeverityDto;

  @ApiPropertyOptional({
    enum: CHANNELS,
    isArray: true,
    description: 'channels it can reach customers by; absent: not checked',
  })
  @IsOptional()
  @IsArray()
  channels?: string[];
}
