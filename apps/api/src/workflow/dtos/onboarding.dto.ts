import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Language, LANGUAGES } from '@app/access';
import { ONBOARDING_STATUSES, OnboardingStatus, Phase, PHASES } from '@app/workflow';
import { PagingQueryDto } from '../../common/paging.dto';

export class CreateOnboardingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  engagementId: string;

  @ApiProperty({ example: 'edr-mdr-onboarding' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/, {
    message: 'templateKey must be a template key such as edr-mdr-onboarding',
  })
  templateKey: string;

  @ApiProperty({ example: '2027-04-01', description: 'Planned service start (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'plannedStartDate must be a date in the form YYYY-MM-DD',
  })
  plannedStartDate: string;

  @ApiPropertyOptional({
    description:
      'Onboard an engagement again after its service started (e.g. a new EDR product); the started onboarding and its approvals stay as they are',
  })
  @IsOptional()
  @IsBoolean()
  reonboarding?: boolean;
}

export class OnboardingQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ enum: ONBOARDING_STATUSES })
  @IsOptional()
  @IsIn(ONBOARDING_STATUSES)
  status?: OnboardingStatus;

  @ApiPropertyOptional({
    description: 'true: only onboardings with overdue steps; false: none overdue',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'The customer: its organisation id, or (part of) its name, e.g. Sakura',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  customer?: string;
}

export class ReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class StepActionDto {
  @ApiPropertyOptional({ description: 'The step version you saw; a newer one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class CompleteStepDto extends StepActionDto {
  @ApiPropertyOptional({
    maxLength: 4000,
    description: 'What was done; kept with the completion and shown to both parties',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class RejectDto extends ReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/**
 * A proposal. Configuration steps (group and policy design, update policy, existing AV plan,
 * migration plan, update waves, notification routing, static block list, unsupported-OS
 * decisions) take no content: the server takes a snapshot of the engagement's configuration, and
 * a `content` answers 400. Other approval steps take `content` per the step's schema (README).
 */
export class ProposalDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      "Only for steps without configuration behind them: the written proposal, checked against the step's schema",
  })
  @IsOptional()
  content?: unknown;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'A note to the approver, shown with the proposal',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ProposalDocumentQueryDto {
  @ApiPropertyOptional({ enum: ['html', 'pdf'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'pdf'])
  format?: 'html' | 'pdf';

  @ApiPropertyOptional({ enum: LANGUAGES, description: "default: the reader's language" })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class ProposalLanguageQueryDto {
  @ApiPropertyOptional({ enum: LANGUAGES, description: "default: the reader's language" })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
