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
import { orderExpression, OverviewFilter, OverviewOrder } from './overview-query';

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

/** One statement's answer: the page's rows as JSON built by PostgreSQL, and the count when asked. */
interface PageAnswer {
  total?: number;
  items: OverviewRow[];
  alongside?: unknown;
}

/**
 * A scalar sub-select answered in the page's own statement (the portal page's chart figures):
 * one round trip instead of two. Its named parameters come from `params` with the page's `:now`.
 */
export interface AlongsidePart {
  sql: string;
  params(now: Date): Record<string, unknown>;
}

interface Filtered {
  /** FROM and WHERE over the kept progress `p` (joined to `c` and `e` only when needed). */
  from: string;
  params: Record<string, unknown>;
}

const WAITING = WAITING_STATES.map((s) => `'${s}'`).join(', ');
/** Whole days `column` is before `:now` (0 when not), on milliseconds as JavaScript counts them. */
const DAYS_PAST = (column: string): string =>
  `greatest(0, floor((floor(extract(epoch FROM :now::timestamptz) * 1000) - floor(extract(epoch FROM ${column}) * 1000)) / 86400000))::int`;
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
    alongside?: AlongsidePart,
  ): Promise<Page<OverviewRow> & { alongside?: unknown }> {
    const now = this.clock.now();
    const filtered = this.filtered(scope, filter, order, now);
    if (alongside) Object.assign(filtered.params, alongside.params(now));
    const answer = await this.rows(filtered, order, paging, true, alongside?.sql);
    return {
      items: answer.items,
      total: answer.total ?? 0,
      limit: paging.limit,
      offset: paging.offset,
      ...(alongside ? { alongside: answer.alongside } : {}),
    };
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
      const { items } = await this.rows(filtered, order, { offset, limit: batch }, false);
      yield* items;
      if (items.length < batch) return;
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

  /**
   * One statement per page: PostgreSQL counts the matches, derives the per-row figures (days in
   * phase, forecast, slippage) from `:now` and writes each row as the JSON the API answers, so
   * Node parses one JSON text instead of typed columns, dates and a mapping row by row.
   */
  private async rows(
    filtered: Filtered,
    order: OverviewOrder,
    paging: Paging,
    withTotal: boolean,
    alongside?: string,
  ): Promise<PageAnswer> {
    const direction = order.direction === 'desc' ? 'DESC NULLS FIRST' : 'ASC NULLS LAST';
    const tie = order.direction === 'desc' ? 'DESC' : 'ASC';
    const orderBy = (alias: string): string =>
      `${orderExpression(order.sort, alias)} ${direction}, ${alias}.onboarding_id ${tie}`;
    const customerSort = order.sort === 'customer' ? ', c.name AS customer_name' : '';
    const total = withTotal ? `(SELECT count(*)::int ${filtered.from}) AS total,` : '';
    const extra = alongside ? `${alongside} AS alongside,` : '';
    const [answer] = await this.query<PageAnswer>(
      `WITH page AS (
         SELECT p.*${customerSort} ${filtered.from}
          ORDER BY ${orderBy('p')}
          LIMIT :limit OFFSET :offset)
       SELECT ${total} ${extra}
              coalesce(json_agg(json_build_object(
                'onboardingId', page.onboarding_id,
                'engagementId', page.engagement_id,
                'customerName', (SELECT c.name FROM organisation c WHERE c.id = page.customer_organisation_id),
                'engagementName', (SELECT e.name FROM engagement e WHERE e.id = page.engagement_id),
                'sequence', o.sequence,
                'kind', o.kind,
                'status', page.status,
                'phase', page.phase,
                'daysInPhase', ${DAYS_PAST('page.phase_entered_at')},
                'requiredDone', page.required_done,
                'requiredTotal', page.required_total,
                'percentDone', page.percent_done,
                'waitingOnCustomer', page.waiting_on_customer,
                'waitingOnProvider', page.waiting_on_provider,
                'blockers', page.blockers,
                'overdueSteps', (${OVERDUE_OF('page')}),
                'nextDueAt', to_char(page.next_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'plannedStartDate', to_char(page.planned_start_date, 'YYYY-MM-DD'),
                'forecastStartDate', to_char(page.planned_start_date + late.slippage, 'YYYY-MM-DD'),
                'slippageDays', late.slippage
              ) ORDER BY ${orderBy('page')}), '[]'::json) AS items
         FROM page
         -- Sub-selects by primary key: joined, the planner would hash whole tables for 50 rows.
         CROSS JOIN LATERAL (
           SELECT (SELECT o.sequence FROM onboarding o WHERE o.id = page.onboarding_id) AS sequence,
                  (SELECT o.kind FROM onboarding o WHERE o.id = page.onboarding_id) AS kind) o
         -- The forecast start: the planned date pushed back by how late the earliest waiting step is.
         CROSS JOIN LATERAL (
           SELECT CASE WHEN page.status = 'active' OR page.next_due_at IS NULL THEN 0
                       ELSE ${DAYS_PAST('page.next_due_at')} END AS slippage) late`,
      { ...filtered.params, limit: paging.limit, offset: paging.offset },
    );
    return answer;
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
