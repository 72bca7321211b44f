import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString } from 'class-validator';
import {
  INCIDENT_CATEGORIES,
  PARTIES,
  PEACETIME_CATEGORIES,
  RESPONSE_ACTIONS,
  SCHEDULE_FREQUENCIES,
  SEVERITIES,
} from '@app/agreements';
import { ROLES } from '@app/identity';

// Request shapes for the OpenAPI document; the agreements lib validates every field inside
// (e.g. `steps[2].owner.role`).

class OwnerDto {
  @ApiProperty({ enum: PARTIES })
  party: string;

  @ApiProperty({ enum: ROLES, description: "a role of that party's organisation" })
  role: string;
}

class ScheduleDto {
  @ApiProperty({ enum: SCHEDULE_FREQUENCIES })
  frequency: string;

  @ApiPropertyOptional({ example: 'First Tuesday of the month, 10:00 JST' })
  detail?: string;
}

class TemplateDto {
  @ApiProperty()
  subject: string;

  @ApiProperty()
  body: string;
}

class RunbookStepDto {
  @ApiProperty({ example: 'monthly_report', description: 'snake_case, unique in the runbook' })
  key: string;

  @ApiProperty()
  title: string;

  @ApiProperty({
    enum: [...new Set([...PEACETIME_CATEGORIES, ...INCIDENT_CATEGORIES])],
    description: 'per runbook kind',
  })
  category: string;

  @ApiProperty({ type: OwnerDto })
  owner: OwnerDto;

  @ApiPropertyOptional({ description: 'an event that starts the step (or give a schedule)' })
  trigger?: string;

  @ApiPropertyOptional({
    type: ScheduleDto,
    description: 'when the step recurs (or give a trigger)',
  })
  schedule?: ScheduleDto;

  @ApiProperty({ example: 'By the 5th business day of the following month' })
  timing: string;

  @ApiProperty({ type: [String] })
  actions: string[];

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'triage steps' })
  severity?: string;

  @ApiPropertyOptional({
    enum: RESPONSE_ACTIONS,
    description: 'response_action steps; the mode comes from the agreement',
  })
  responseAction?: string;

  @ApiPropertyOptional({ type: TemplateDto, description: 'communication steps' })
  template?: TemplateDto;
}

export class RunbookContentDto {
  @ApiProperty({ example: 'Peacetime operations runbook' })
  @IsOptional()
  @IsString()
  title: string;

  @ApiProperty({ type: [RunbookStepDto] })
  @IsOptional()
  @IsArray()
  steps: RunbookStepDto[];
}

export class RunbookSectionsDto extends PartialType(RunbookContentDto) {}
