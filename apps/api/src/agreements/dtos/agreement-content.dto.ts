import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsArray, IsInt, IsObject, IsOptional } from 'class-validator';
import {
  ASSET_TYPES,
  AUTHORISATION_MODES,
  CHANNELS,
  COLLABORATE_FALLBACKS,
  COVERAGES,
  WEEKDAYS,
} from '@app/agreements';
import { LANGUAGES } from '@app/identity';

// The request shapes of agreement content, for the OpenAPI document. The pipe checks only each
// section's JSON type; the agreements lib validates every field, required ones included (one
// validator for the API and every other caller), and names fields by path:
// `sla.high.respondMinutes`, `escalationContacts[1].email`. Nothing is required at the pipe, so
// another tenant's engagement answers 404 before any validation error could.

class WeeklyHoursDto {
  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['mon', 'tue', 'wed', 'thu', 'fri'] })
  days: string[];

  @ApiProperty({ example: '09:00', description: 'HH:MM' })
  start: string;

  @ApiProperty({ example: '18:00', description: 'HH:MM (24:00 for midnight)' })
  end: string;
}

export class ServiceHoursDto {
  @ApiProperty({ enum: COVERAGES })
  coverage: string;

  @ApiProperty({ example: 'Asia/Tokyo', description: 'IANA time zone' })
  timeZone: string;

  @ApiPropertyOptional({ enum: WEEKDAYS, isArray: true, description: 'business_hours only' })
  days?: string[];

  @ApiPropertyOptional({ example: '09:00', description: 'business_hours only' })
  start?: string;

  @ApiPropertyOptional({ example: '18:00', description: 'business_hours only' })
  end?: string;
}

class EndpointCountsDto {
  @ApiProperty({ minimum: 0, example: 1200 })
  client: number;

  @ApiProperty({ minimum: 0, example: 150 })
  server: number;
}

class SiteDto {
  @ApiProperty({ example: 'Nagoya head office' })
  name: string;

  @ApiProperty({ example: 'JP', description: 'ISO 3166-1 alpha-2, one of scope.countries' })
  country: string;
}

class ScopeDto {
  @ApiProperty({ type: EndpointCountsDto })
  endpoints: EndpointCountsDto;

  @ApiProperty({ type: [String], example: ['JP', 'CN'], description: 'ISO 3166-1 alpha-2' })
  countries: string[];

  @ApiProperty({ type: [SiteDto] })
  sites: SiteDto[];
}

class SeveritySlaDto {
  @ApiProperty({ minimum: 1, maximum: 10080, example: 15 })
  acknowledgeMinutes: number;

  @ApiProperty({
    minimum: 1,
    maximum: 10080,
    example: 60,
    description: 'not shorter than acknowledgeMinutes',
  })
  respondMinutes: number;

  @ApiProperty({ enum: CHANNELS })
  channel: string;
}

class SlaDto {
  @ApiProperty({ type: SeveritySlaDto })
  critical: SeveritySlaDto;

  @ApiProperty({ type: SeveritySlaDto })
  high: SeveritySlaDto;

  @ApiProperty({ type: SeveritySlaDto })
  medium: SeveritySlaDto;

  @ApiProperty({ type: SeveritySlaDto })
  low: SeveritySlaDto;
}

class ActionAuthorisationDto {
  @ApiProperty({ enum: AUTHORISATION_MODES })
  mode: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10080, description: 'collaborate only' })
  timeoutMinutes?: number;

  @ApiPropertyOptional({ enum: COLLABORATE_FALLBACKS, description: 'collaborate only' })
  fallback?: string;
}

class ResponseAuthorisationDto {
  @ApiProperty({ type: ActionAuthorisationDto })
  isolate_host: ActionAuthorisationDto;

  @ApiProperty({ type: ActionAuthorisationDto })
  kill_process: ActionAuthorisationDto;

  @ApiProperty({ type: ActionAuthorisationDto })
  quarantine_file: ActionAuthorisationDto;

  @ApiProperty({ type: ActionAuthorisationDto })
  block_hash: ActionAuthorisationDto;

  @ApiProperty({ type: ActionAuthorisationDto })
  disable_account: ActionAuthorisationDto;
}

class NeverTouchDto {
  @ApiProperty({ enum: ASSET_TYPES })
  type: string;

  @ApiProperty({ example: 'sk-erp-db01' })
  name: string;

  @ApiPropertyOptional()
  reason?: string;
}

class CommunicationDto {
  @ApiProperty({ enum: LANGUAGES })
  primaryLanguage: string;

  @ApiPropertyOptional({ enum: LANGUAGES, isArray: true, default: [] })
  otherLanguages?: string[];

  @ApiProperty({ enum: CHANNELS, isArray: true })
  channels: string[];
}

class EscalationContactDto {
  @ApiProperty({ example: '佐藤 花子' })
  name: string;

  @ApiProperty({
    example: 'security@sakura.example',
    description: "in one of the customer organisation's email domains",
  })
  email: string;

  @ApiProperty({ example: '+81 3 1234 5678' })
  phone: string;

  @ApiProperty({ example: 'JP' })
  country: string;

  @ApiProperty({ example: 'Asia/Tokyo' })
  timeZone: string;

  @ApiProperty({ type: WeeklyHoursDto })
  workingHours: WeeklyHoursDto;

  @ApiProperty({ example: 'Security lead' })
  role: string;
}

export class AgreementContentDto {
  @ApiProperty({ type: ScopeDto })
  @IsOptional()
  @IsObject()
  scope: ScopeDto;

  @ApiProperty({ type: ServiceHoursDto })
  @IsOptional()
  @IsObject()
  serviceHours: ServiceHoursDto;

  @ApiProperty({ type: SlaDto })
  @IsOptional()
  @IsObject()
  sla: SlaDto;

  @ApiProperty({ type: ResponseAuthorisationDto })
  @IsOptional()
  @IsObject()
  responseAuthorisation: ResponseAuthorisationDto;

  @ApiPropertyOptional({ type: [NeverTouchDto], default: [] })
  @IsOptional()
  @IsArray()
  neverTouch?: NeverTouchDto[];

  @ApiProperty({ type: CommunicationDto })
  @IsOptional()
  @IsObject()
  communication: CommunicationDto;

  @ApiProperty({ type: [EscalationContactDto], description: 'in escalation order' })
  @IsOptional()
  @IsArray()
  escalationContacts: EscalationContactDto[];

  @ApiProperty({
    minimum: 1,
    maximum: 365,
    example: 30,
    description: 'least days in detect mode before block mode',
  })
  @IsOptional()
  @IsInt()
  minimumTuningPeriodDays: number;
}

/** Some sections; the others keep their values. */
export class AgreementSectionsDto extends PartialType(AgreementContentDto) {}
