import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { TUNING_DECISIONS, TUNING_STATUSES, TuningDecision, TuningStatus } from '@app/rollout';

export class TuningEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  groupId: string;

  @ApiPropertyOptional({
    example: 'erp-app-01',
    description: 'the endpoint, by its inventory hostname',
  })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  hostname?: string;

  @ApiProperty({ example: 'Suspicious PowerShell' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  detectionName: string;

  @ApiProperty({ example: 'erp-batch.exe', description: 'the process or application detected' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  process: string;

  @ApiPropertyOptional({ enum: TUNING_DECISIONS })
  @IsOptional()
  @IsIn(TUNING_DECISIONS)
  decision?: TuningDecision;

  @ApiPropertyOptional({ enum: TUNING_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(TUNING_STATUSES)
  status?: TuningStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class TuningEntryChangeDto {
  @ApiPropertyOptional({ enum: TUNING_DECISIONS })
  @IsOptional()
  @IsIn(TUNING_DECISIONS)
  decision?: TuningDecision;

  @ApiPropertyOptional({ enum: TUNING_STATUSES, description: 'closing needs a decision' })
  @IsOptional()
  @IsIn(TUNING_STATUSES)
  status?: TuningStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ModeSwitchRequestDto {
  @ApiPropertyOptional({ maxLength: 2000, example: 'Tuning complete; no open false positives' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RejectModeSwitchDto {
  @ApiProperty({ minLength: 3, maxLength: 2000, example: 'Wait for the quarter-end batch run' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}
