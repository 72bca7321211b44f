import { Injectable } from '@nestjs/common';
import { AccessScope, engagementScopeCondition, Page, Paging } from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import { SelectQueryBuilder } from 'typeorm';
import { WAITING_STATES } from '../progress/compute-progress';
import { OnboardingProgress, ProgressBlocker } from '../progress/onboarding-progress.entity';
import type { OnboardingStatus } from '../entities/onboarding.entity';
import type { Phase } from '../templates/template.types';
import { daysPast, DEFAULT_DIRECTION, forecastStart, ORDER_SQL, OverviewFilter, OverviewOrder } from './overview-query';

export interface OverviewRow {
  onboardingId: string;
  engagementId: string;
  customerName: string;
  engagementName: string;
  status: OnboardingStatus;
  phase: Phase;
  daysInPhase: number;
  requiredDone: number;
  requiredTotal: number;
  percentDone: number;
  waitingOnCustomer: number;
  waitingOnProvider: number;
  blockers: ProgressBlocker[];
  overdueSteps: number;
  nextDueAt: string | null;
  plannedStartDate: string;
  forecastStartDate: string;
  slippageDays: number;
}

interface RawRow {
  onboarding_id: string;
  engagement_id: string;
  customer_name: string;
  engagement_name: string;
  status: OnboardingStatus;
  phase: Phase;
  phase_entered_at: Date;
  required_done: number;
  required_total: number;
  percent_done: number;
  waiting_on_customer: number;
  waiting_on_provider: number;
  blockers: ProgressBlocker[];
  overdue_steps: number;
  next_due_at: Date | null;
  planned_start_date: string;
}

const WAITING = WAITING_STATES.map((s) => `'${s}'`).join(', ');

/** Who sees the overview: people who follow many customers' onboardings. */
export function mayReadOverview(scope: AccessScope): boolean {
  return scope.isPlatformAdmin || scope.has('provider_lead', 'account_manager');
}

/**
 * The account manager's overview: one kept progress row per onboarding (no aggregation over
 * steps), filtered by the caller's scope; only the page's rows count their overdue steps.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async page(scope: AccessScope, filter: OverviewFilter, order: OverviewOrder, paging: Paging): Promise<Page<OverviewRow>> {
    const now = this.clock.now();
    const base = this.filtered(scope, filter, now);
    const [total, rows] = await Promise.all([
      base.clone().getCount(),
      this.withColumns(base.clone(), order, now).offset(paging.offset).limit(paging.limit).getRawMany<RawRow>(),
    ]);
    return { items: rows.map((row) => toRow(row, now)), total, limit: paging.limit, offset: paging.offset };
  }

  /** Every matching row, for the CSV export, in pages so memory stays flat. */
  async *all(scope: AccessScope, filter: OverviewFilter, order: OverviewOrder, batch = 1000): AsyncGenerator<OverviewRow> {
    const now = this.clock.now();
    for (let offset = 0; ; offset += batch) {
      const rows = await this.withColumns(this.filtered(scope, filter, now), order, now).offset(offset).limit(batch).getRawMany<RawRow>();
      for (const row of rows) yield toRow(row, now);
      if (rows.length < batch) return;
    }
  }

  private filtered(scope: AccessScope, filter: OverviewFilter, now: Date): SelectQueryBuilder<OnboardingProgress> {
    if (!mayReadOverview(scope)) throw new ForbiddenException('The overview is for provider leads and account managers');
    const condition = engagementScopeCondition(scope, 'e');
    const qb = this.tx.manager
      .getRepository(OnboardingProgress)
      .createQueryBuilder('p')
      .innerJoin('engagement', 'e', 'e.id = p.engagement_id')
      .innerJoin('organisation', 'c', 'c.id = p.customer_organisation_id')
      .where(condition.sql, condition.params);
    if (filter.phase) qb.andWhere('p.phase = :phase', { phase: filter.phase });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.waitingOn === 'customer') qb.andWhere('p.waiting_on_customer > 0');
    if (filter.waitingOn === 'provider') qb.andWhere('p.waiting_on_provider > 0');
    const overdue = `EXISTS (SELECT 1 FROM onboarding_step os WHERE os.onboarding_id = p.onboarding_id
                       AND os.state IN (${WAITING}) AND os.due_at < :now)`;
    if (filter.overdue === true) qb.andWhere(overdue, { now });
    if (filter.overdue === false) qb.andWhere(`NOT ${overdue}`, { now });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(c.name ILIKE :like OR e.name ILIKE :like)', { like });
    }
    return qb;
  }

  private withColumns(qb: SelectQueryBuilder<OnboardingProgress>, order: OverviewOrder, now: Date): SelectQueryBuilder<OnboardingProgress> {
    const direction = (order.direction ?? DEFAULT_DIRECTION[order.sort]).toUpperCase() as 'ASC' | 'DESC';
    return qb
      .select([
        'p.onboarding_id AS onboarding_id',
        'p.engagement_id AS engagement_id',
        'c.name AS customer_name',
        'e.name AS engagement_name',
        'p.status AS status',
        'p.phase AS phase',
        'p.phase_entered_at AS phase_entered_at',
        'p.required_done AS required_done',
        'p.required_total AS required_total',
        'p.percent_done AS percent_done',
        'p.waiting_on_customer AS waiting_on_customer',
        'p.waiting_on_provider AS waiting_on_provider',
        'p.blockers AS blockers',
        'p.next_due_at AS next_due_at',
        "to_char(p.planned_start_date, 'YYYY-MM-DD') AS planned_start_date",
      ])
      .addSelect(
        `(SELECT count(*)::int FROM onboarding_step os WHERE os.onboarding_id = p.onboarding_id
            AND os.state IN (${WAITING}) AND os.due_at < :now)`,
        'overdue_steps',
      )
      .setParameter('now', now)
      .orderBy(ORDER_SQL[order.sort], direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('p.onboarding_id', 'ASC');
  }
}

function toRow(row: RawRow, now: Date): OverviewRow {
  const nextDueAt = row.next_due_at ? new Date(row.next_due_at) : null;
  const forecast = forecastStart(row.planned_start_date, row.status === 'active' ? null : nextDueAt, now);
  return {
    onboardingId: row.onboarding_id,
    engagementId: row.engagement_id,
    customerName: row.customer_name,
    engagementName: row.engagement_name,
    status: row.status,
    phase: row.phase,
    daysInPhase: daysPast(new Date(row.phase_entered_at), now),
    requiredDone: row.required_done,
    requiredTotal: row.required_total,
    percentDone: row.percent_done,
    waitingOnCustomer: row.waiting_on_customer,
    waitingOnProvider: row.waiting_on_provider,
    blockers: row.blockers,
    overdueSteps: row.overdue_steps,
    nextDueAt: nextDueAt ? nextDueAt.toISOString() : null,
    plannedStartDate: row.planned_start_date,
    forecastStartDate: forecast.date,
    slippageDays: forecast.slippageDays,
  };
}
