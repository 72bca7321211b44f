import { Injectable } from '@nestjs/common';
import { AccessScope, engagementScopeCondition } from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import { WAITING_STATES } from '../progress/compute-progress';
import { PHASES, Phase } from '../templates/template.types';
import { mayReadOverview } from './overview.service';

/** Forecast slippage buckets, in days late. */
export const SLIPPAGE_BUCKETS = ['on_track', 'up_to_7', 'up_to_30', 'over_30'] as const;
export type SlippageBucket = (typeof SLIPPAGE_BUCKETS)[number];

export interface OverviewSummary {
  onboardings: number;
  byPhase: Record<Phase | 'active', number>;
  overdueStepsByParty: { customer: number; provider: number };
  slippage: Record<SlippageBucket, number>;
}

const WAITING = WAITING_STATES.map((s) => `'${s}'`).join(', ');

/** The figures behind the overview's charts, over every onboarding the caller may see. */
@Injectable()
export class OverviewSummaryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async summary(scope: AccessScope): Promise<OverviewSummary> {
    if (!mayReadOverview(scope))
      throw new ForbiddenException('The overview is for provider leads and account managers');
    const condition = engagementScopeCondition(scope, 'p', 'engagement_id');
    const now = this.clock.now();
    const visible = `SELECT p.* FROM onboarding_progress p WHERE ${condition.sql}`;
    // One statement: the overdue steps are counted in a sub-select of the same round trip.
    const [phases] = await this.tx.manager.query(
      ...this.bind(
        `
      SELECT * FROM (
      SELECT count(*)::int AS total,
             (count(*) FILTER (WHERE v.status = 'active'))::int AS active,
             ${PHASES.map((phase) => `(count(*) FILTER (WHERE v.status <> 'active' AND v.phase = '${phase}'))::int AS ${phase}`).join(',\n')},
             (count(*) FILTER (WHERE v.status <> 'active' AND (v.next_due_at IS NULL OR v.next_due_at >= :now)))::int AS on_track,
             (count(*) FILTER (WHERE v.status <> 'active' AND v.next_due_at < :now AND v.next_due_at >= :week))::int AS up_to_7,
             (count(*) FILTER (WHERE v.status <> 'active' AND v.next_due_at < :week AND v.next_due_at >= :month))::int AS up_to_30,
             (count(*) FILTER (WHERE v.status <> 'active' AND v.next_due_at < :month))::int AS over_30
        FROM (${visible}) v) phases
      CROSS JOIN (
      SELECT (count(*) FILTER (WHERE s.party = 'customer'))::int AS overdue_customer,
             (count(*) FILTER (WHERE s.party = 'provider'))::int AS overdue_provider
        FROM (${visible}) w
        JOIN onboarding_step s ON s.onboarding_id = w.onboarding_id
       WHERE w.status <> 'active' AND s.state IN (${WAITING}) AND s.due_at < :now) overdue`,
        { ...condition.params, now, week: daysBefore(now, 7), month: daysBefore(now, 30) },
      ),
    );
    return {
      onboardings: phases.total,
      byPhase: {
        introduction: phases.introduction,
        pre_production: phases.pre_production,
        production: phases.production,
        active: phases.active,
      },
      overdueStepsByParty: { customer: phases.overdue_customer, provider: phases.overdue_provider },
      slippage: {
        on_track: phases.on_track,
        up_to_7: phases.up_to_7,
        up_to_30: phases.up_to_30,
        over_30: phases.over_30,
      },
    };
  }

  /** Named parameters (`:name`) to the driver's positional ones. */
  private bind(sql: string, params: Record<string, unknown>): [string, unknown[]] {
    const [query, values] = this.tx.manager.connection.driver.escapeQueryWithParameters(
      sql,
      params,
      {},
    );
    return [query, values];
  }
}

function daysBefore(at: Date, days: number): Date {
  return new Date(at.getTime() - days * 86_400_000);
}
