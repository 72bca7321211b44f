import {
  DECISION_KINDS,
  DecisionKind,
  ENDPOINT_TYPES,
  EndpointType,
  OS_FAMILIES,
  OsFamily,
  SUPPORT_STATUSES,
  SupportStatus,
} from '@app/rollout';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

class DecisionFiltersDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) site?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 2) country?: string;
  @ApiPropertyOptional({ enum: ENDPOINT_TYPES })
  @IsOptional()
  @IsIn(ENDPOINT_TYPES)
  type?: EndpointType;
  @ApiPropertyOptional({ enum: OS_FAMILIES }) @IsOptional() @IsIn(OS_FAMILIES) osFamily?: OsFamily;
  @ApiPropertyOptional({ example: 'Windows Server 2012 R2' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  osVersion?: string;
  @ApiPropertyOptional({ enum: SUPPORT_STATUSES })
  @IsOptional()
  @IsIn(SUPPORT_STATUSES)
  supportStatus?: SupportStatus;
}

export class CreateDecisionDto {
  @ApiProperty({ enum: DECISION_KINDS })
  @IsIn(DECISION_KINDS)
  kind: DecisionKind;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'required for upgrade' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  upgradeBy?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'why, or the compensating control' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'explicit endpoints; otherwise the filters choose',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @IsUUID('all', { each: true })
  endpointIds?: string[];

  @ApiPropertyOptional({
    type: DecisionFiltersDto,
    description: 'every endpoint needing a decision that matches',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionFiltersDto)
  filters?: DecisionFiltersDto;
}

export class RejectDecisionDto {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}
