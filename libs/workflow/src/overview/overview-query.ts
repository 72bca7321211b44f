import type { OnboardingStatus } from '../entities/onboarding.entity';
import type { Phase } from '../templates/template.types';

export const OVERVIEW_SORTS = [
  'next_due',
  'progress',
  'customer',
  'phase',
  'days_in_phase',
  'planned_start',
] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

export interface OverviewFilter {
  phase?: Phase;
  status?: OnboardingStatus;
  /** Only onboardings with a required step waiting on this party. */
  waitingOn?: 'customer' | 'provider';
  /** Only onboardings with (true) or without (false) an overdue waiting step. */
  overdue?: boolean;
  /** Customer or engagement name contains this text (case-insensitive). */
  q?: string;
  /** The customer organisation's id, or part of its name. */
  customer?: string;
}

export interface OverviewOrder {
  sort: OverviewSort;
  direction: 'asc' | 'desc';
}

/**
 * The ORDER BY expression of each sort key over a row alias of the kept progress (`p` inside the
 * page query, `page` outside it); `customer_name` is selected into the page when sorting by it.
 * Each key but the customer name has an index led by it, so a page reads about its own rows.
 */
export function orderExpression(sort: OverviewSort, alias: string): string {
  switch (sort) {
    case 'next_due':
      return `${alias}.next_due_at`;
    case 'progress':
      return `${alias}.percent_done`;
    case 'customer':
      return alias === 'p' ? 'c.name' : `${alias}.customer_name`;
    case 'phase':
      return `array_position(ARRAY['introduction','pre_production','production'], ${alias}.phase)`;
    case 'days_in_phase':
      return `${alias}.phase_entered_at`;
    case 'planned_start':
      return `${alias}.planned_start_date`;
  }
}

/** Each key's default direction puts what needs attention first. */
export const DEFAULT_DIRECTION: Record<OverviewSort, 'asc' | 'desc'> = {
  next_due: 'asc',
  progress: 'asc',
  customer: 'asc',
  phase: 'asc',
  days_in_phase: 'asc',
  planned_start: 'asc',
};

/** Whole days `later` is past `earlier` (0 when not past). */
export function daysPast(earlier: Date, later: Date): number {
  return Math.max(0, Math.floor((later.getTime() - earlier.getTime()) / 86_400_000));
}

/** The forecast start: the planned date pushed back by how late the earliest waiting step is. */
export function forecastStart(
  plannedStartDate: string,
  nextDueAt: Date | null,
  now: Date,
): { date: string; slippageDays: number } {
  const slippageDays = nextDueAt ? daysPast(nextDueAt, now) : 0;
  const planned = new Date(`${plannedStartDate}T00:00:00Z`);
  const forecast = new Date(planned.getTime() + slippageDays * 86_400_000);
  return { date: forecast.toISOString().slice(0, 10), slippageDays };
}
