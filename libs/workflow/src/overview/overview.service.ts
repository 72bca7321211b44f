import { Injectable } from '@nestjs/common';
import {
  AccessScope,
  can,
  customerFilterSql,
  engagementScopeCondition,
  Page,
  Paging,
} from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import { WAITING_STATES } from '../progress/compute-progress';
import type { ProgressBlocker } from '../progress/onboarding-progress.entity';
import type { OnboardingKind, OnboardingStatus } from '../entities/onboarding.entity';
import type { Phase } from '../templates/template.types';
import {
  daysPast,
  forecastStart,
  orderExpression,
  OverviewFilter,
  OverviewOrder,
} from './overview-query';

export interface OverviewRow {
  onboardingId: string;
  engagementId: string;
  customerName: string;
  engagementName: string;
  /** Which of the engagement's onboardings (a re-onboarding after the start is kind 'reonboarding'). */
  sequence: number;
  kind: OnboardingKind;
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
  sequence: number;
  kind: OnboardingKind;
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

interface Filtered {
  /** FROM and WHERE over the kept progress `p` (joined to `c` and `e` only when needed). */
  from: string;
  params: Record<string, unknown>;
}

const WAITING = WAITING_STATES.map((s) => `'${s}'`).join(', ');
const OVERDUE_OF = (alias: string): string =>
  `SELECT count(*)::int FROM onboarding_step os WHERE os.onboarding_id = ${alias}.onboarding_id AND os.state IN (${WAITING}) AND os.due_at < :now`;

/** Who sees the overview: people who follow many customers' onboardings. */
export function mayReadOverview(scope: AccessScope): boolean {
  return can(scope, 'overview.read');
}

/**
 * The account manager's overview: one kept progress row per onboarding, scoped and filtered on
 * the progress table itself so a page walks an index in its sort order and stops after its rows;
 * names and overdue counts are looked up for those rows only.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async page(
    scope: AccessScope,
    filter: OverviewFilter,
    order: OverviewOrder,
    paging: Paging,
  ): Promise<Page<OverviewRow>> {
    const now = this.clock.now();
    const filtered = this.filtered(scope, filter, order, now);
    const [total, items] = await Promise.all([
      this.count(filtered),
      this.rows(filtered, order, paging, now),
    ]);
    return { items, total, limit: paging.limit, offset: paging.offset };
  }

  /** Every matching row, for the CSV export, in pages so memory stays flat. */
  async *all(
    scope: AccessScope,
    filter: OverviewFilter,
    order: OverviewOrder,
    batch = 1000,
  ): AsyncGenerator<OverviewRow> {
    const now = this.clock.now();
    const filtered = this.filtered(scope, filter, order, now);
    for (let offset = 0; ; offset += batch) {
      const rows = await this.rows(filtered, order, { offset, limit: batch }, now);
      yield* rows;
      if (rows.length < batch) return;
    }
  }

  private filtered(
    scope: AccessScope,
    filter: OverviewFilter,
    order: OverviewOrder,
    now: Date,
  ): Filtered {
    if (!mayReadOverview(scope))
      throw new ForbiddenException('The overview is for provider leads and account managers');
    const condition = engagementScopeCondition(scope, 'p', 'engagement_id');
    const where = [condition.sql];
    const params: Record<string, unknown> = { ...condition.params, now };
    if (filter.phase) {
      where.push('p.phase = :phase');
      params.phase = filter.phase;
    }
    if (filter.status) {
      where.push('p.status = :status');
      params.status = filter.status;
    }
    if (filter.waitingOn === 'customer') where.push('p.waiting_on_customer > 0');
    if (filter.waitingOn === 'provider') where.push('p.waiting_on_provider > 0');
    const overdue = `EXISTS (SELECT 1 FROM onboarding_step os WHERE os.onboarding_id = p.onboarding_id AND os.state IN (${WAITING}) AND os.due_at < :now)`;
    if (filter.overdue === true) where.push(overdue);
    if (filter.overdue === false) where.push(`NOT ${overdue}`);
    const customer = filter.customer
      ? customerFilterSql('p.customer_organisation_id', filter.customer)
      : null;
    if (customer) {
      where.push(customer.sql);
      Object.assign(params, customer.params);
    }
    const joins: string[] = [];
    if (filter.q || order.sort === 'customer')
      joins.push('JOIN organisation c ON c.id = p.customer_organisation_id');
    if (filter.q) {
      joins.push('JOIN engagement e ON e.id = p.engagement_id');
      where.push('(c.name ILIKE :like OR e.name ILIKE :like)');
      params.like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    return {
      from: `FROM onboarding_progress p ${joins.join(' ')} WHERE ${where.join(' AND ')}`,
      params,
    };
  }

  private async count(filtered: Filtered): Promise<number> {
    const [row] = await this.query<{ total: number }>(
      `SELECT count(*)::int AS total ${filtered.from}`,
      filtered.params,
    );
    return row.total;
  }

  private async rows(
    filtered: Filtered,
    order: OverviewOrder,
    paging: Paging,
    now: Date,
  ): Promise<OverviewRow[]> {
    const direction = order.direction === 'desc' ? 'DESC NULLS FIRST' : 'ASC NULLS LAST';
    const tie = order.direction === 'desc' ? 'DESC' : 'ASC';
    const orderBy = (alias: string): string =>
      `${orderExpression(order.sort, alias)} ${direction}, ${alias}.onboarding_id ${tie}`;
    const customerSort = order.sort === 'customer' ? ', c.name AS customer_name' : '';
    const rows = await this.query<RawRow>(
      `WITH page AS (
         SELECT p.*${customerSort} ${filtered.from}
          ORDER BY ${orderBy('p')}
          LIMIT :limit OFFSET :offset)
       SELECT page.onboarding_id, page.engagement_id, c.name AS customer_name, e.name AS engagement_name, o.sequence, o.kind, page.status,
              page.phase, page.phase_entered_at, page.required_done, page.required_total, page.percent_done,
              page.waiting_on_customer, page.waiting_on_provider, page.blockers, page.next_due_at,
              to_char(page.planned_start_date, 'YYYY-MM-DD') AS planned_start_date,
              (${OVERDUE_OF('page')}) AS overdue_steps
         FROM page
         JOIN organisation c ON c.id = page.customer_organisation_id
         JOIN engagement e ON e.id = page.engagement_id
         JOIN onboarding o ON o.id = page.onboarding_id
        ORDER BY ${orderBy('page')}`,
      { ...filtered.params, limit: paging.limit, offset: paging.offset },
    );
    return rows.map((row) => toRow(row, now));
  }

  private query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.tx.manager.connection.driver.escapeQueryWithParameters(
      sql,
      params,
      {},
    );
    return this.tx.manager.query(query, values);
  }
}

function toRow(row: RawRow, now: Date): OverviewRow {
  const nextDueAt = row.next_due_at ? new Date(row.next_due_at) : null;
  const forecast = forecastStart(
    row.planned_start_date,
    row.status === 'active' ? null : nextDueAt,
    now,
  );
  return {
    onboardingId: row.onboarding_id,
    engagementId: row.engagement_id,
    customerName: row.customer_name,
    engagementName: row.engagement_name,
    sequence: row.sequence,
    kind: row.kind,
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
