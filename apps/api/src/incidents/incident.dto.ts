import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  ASSET_TYPES,
  AssetType,
  RESPONSE_ACTIONS,
  ResponseAction,
  SEVERITIES,
} from '@app/agreements';
import { INCIDENT_STATUSES, IncidentStatus, Severity } from '@app/incidents';
import { PagingQueryDto } from '../common/paging.dto';

export class OpenIncidentDto {
  @ApiPropertyOptional({
    description: 'Escalate this ingested detection: its title, host and severity are copied',
  })
  @IsOptional()
  @IsUUID()
  detectionId?: string;

  @ApiPropertyOptional({ description: 'Required without detectionId' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  host?: string;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Required without detectionId' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;
}

export class IncidentListQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;
}

export class IncidentStatusDto {
  @ApiProperty({ enum: INCIDENT_STATUSES })
  @IsIn(INCIDENT_STATUSES)
  status: IncidentStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'What was done (kept with the task, shown in the closure report)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class TaskNotApplicableDto {
  @ApiProperty({
    minLength: 3,
    maxLength: 2000,
    description: 'Why the task does not apply to this incident',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class RequestActionDto {
  @ApiProperty({ enum: RESPONSE_ACTIONS })
  @IsIn(RESPONSE_ACTIONS)
  action: ResponseAction;

  @ApiProperty({ description: 'The asset acted on: a host, group, account, file or hash' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  target: string;

  @ApiPropertyOptional({
    enum: ASSET_TYPES,
    description: 'Checked against never-touch assets of this type (any type when absent)',
  })
  @IsOptional()
  @IsIn(ASSET_TYPES)
  targetType?: AssetType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
