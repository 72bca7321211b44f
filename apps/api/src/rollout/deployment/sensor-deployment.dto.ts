import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  DEPLOYMENT_STATES,
  DEPLOYMENT_STATUSES,
  DeploymentState,
  DeploymentStatus,
  MAX_DEPLOYMENT_REASON,
  MAX_DEPLOYMENT_RECORDS,
} from '@app/rollout';
import { PagingQueryDto } from '../../common/paging.dto';

export class DeploymentStatusDto {
  @ApiProperty({
    enum: DEPLOYMENT_STATUSES,
    description: 'excused: only the customer security lead, with a reason',
  })
  @IsIn(DEPLOYMENT_STATUSES)
  status: DeploymentStatus;

  @ApiPropertyOptional({
    maxLength: MAX_DEPLOYMENT_REASON,
    description: 'Why it failed or is excused (required for excused)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DEPLOYMENT_REASON)
  reason?: string;
}

class DeploymentRecordDto extends DeploymentStatusDto {
  @ApiProperty({ example: 'tky-pc-0001' })
  @IsString()
  @MaxLength(253)
  hostname: string;
}

export class DeploymentRecordsDto {
  @ApiProperty({ type: [DeploymentRecordDto], maxItems: MAX_DEPLOYMENT_RECORDS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DEPLOYMENT_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => DeploymentRecordDto)
  records: DeploymentRecordDto[];
}

export class DeploymentListQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ enum: DEPLOYMENT_STATES })
  @IsOptional()
  @IsIn(DEPLOYMENT_STATES)
  state?: DeploymentState;

  @ApiPropertyOptional({ example: 'Tokyo' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  site?: string;

  @ApiPropertyOptional({ description: 'hostname prefix, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  q?: string;
}
