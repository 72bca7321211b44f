import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  DEFAULT_DIRECTION,
  ONBOARDING_STATUSES,
  OnboardingStatus,
  OverviewFilter,
  OverviewOrder,
  OVERVIEW_SORTS,
  OverviewSort,
  Phase,
  PHASES,
} from '@app/workflow';
import { PagingQueryDto } from '../../common/paging.dto';

export class OverviewQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ enum: OVERVIEW_SORTS, default: 'next_due' })
  @IsOptional()
  @IsIn(OVERVIEW_SORTS)
  sort?: OverviewSort;

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    description: 'Defaults to what needs attention first',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  direction?: 'asc' | 'desc';

  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ enum: ONBOARDING_STATUSES })
  @IsOptional()
  @IsIn(ONBOARDING_STATUSES)
  status?: OnboardingStatus;

  @ApiPropertyOptional({
    enum: ['customer', 'provider'],
    description: 'Only onboardings waiting on this party',
  })
  @IsOptional()
  @IsIn(['customer', 'provider'])
  waitingOn?: 'customer' | 'provider';

  @ApiPropertyOptional({
    description: 'true: only onboardings with overdue steps; false: none overdue',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Customer or engagement name contains', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description: 'The customer: its organisation id, or (part of) its name, e.g. Sakura',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  customer?: string;
}

export function filterOf(query: OverviewQueryDto): OverviewFilter {
  return {
    phase: query.phase,
    status: query.status,
    waitingOn: query.waitingOn,
    overdue: query.overdue,
    q: query.q,
    customer: query.customer,
  };
}

export function orderOf(query: OverviewQueryDto): OverviewOrder {
  const sort = query.sort ?? 'next_due';
  return { sort, direction: query.direction ?? DEFAULT_DIRECTION[sort] };
}
