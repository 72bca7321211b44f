import { Injectable } from '@nestjs/common';
import { AccessScope, engagementScopeCondition } from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { TemplateRegistry } from '../services/template-registry';
import { Phase } from '../templates/template.types';
import { mayReadOverview } from './overview.service';
import { overviewSummarySql } from './overview-summary-sql';

/** Forecast slippage buckets, in days late. */
export const SLIPPAGE_BUCKETS = ['on_track', 'up_to_7', 'up_to_30', 'over_30'] as const;
export type SlippageBucket = (typeof SLIPPAGE_BUCKETS)[number];

export interface OverviewSummary {
  onboardings: number;
  byPhase: Record<Phase | 'active', number>;
  /** Overdue waiting steps by the party waited on (workflow `waitedOn`), as the rows name them. */
  overdueStepsByParty: { customer: number; provider: number };
  slippage: Record<SlippageBucket, number>;
}

/** The summary as a sub-select another statement answers in the same round trip (the page's). */
export interface SummaryPart {
  /** A scalar sub-select: the figures as one JSON object. */
  sql: string;
  params(now: Date): Record<string, unknown>;
}

type SummaryRow = Record<string, number>;

/** The figures behind the overview's charts, over every onboarding the caller may see. */
@Injectable()
export class OverviewSummaryService {
  /** The statement by scope condition: a handful of shapes (by role), each built once. */
  private readonly statements = new Map<string, string>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly templates: TemplateRegistry,
    private readonly evidence: StepEvidenceRegistry,
  ) {}

  async summary(scope: AccessScope): Promise<OverviewSummary> {
    const part = this.part(scope);
    const [sql, values] = this.tx.manager.connection.driver.escapeQueryWithParameters(
      `SELECT ${part.sql} AS summary`,
      part.params(this.clock.now()),
      {},
    );
    const [row] = await this.tx.manager.query(sql, values);
    return this.read(row.summary);
  }

  /** The figures' sub-select for `scope`, to run inside another statement (see `read`). */
  part(scope: AccessScope): SummaryPart {
    if (!mayReadOverview(scope))
      throw new ForbiddenException('The overview is for provider leads and account managers');
    const condition = engagementScopeCondition(scope, 'p', 'engagement_id');
    let sql = this.statements.get(condition.sql);
    if (sql === undefined) {
      const summary = overviewSummarySql(
        `SELECT p.* FROM onboarding_progress p WHERE ${condition.sql}`,
        this.templates.all(),
        (key) => this.evidence.decidedIn(key) !== null,
      );
      sql = `(SELECT row_to_json(f) FROM (${summary}) f)`;
      this.statements.set(condition.sql, sql);
    }
    return {
      sql,
      params: (now) => ({
        ...condition.params,
        now,
        week: daysBefore(now, 7),
        month: daysBefore(now, 30),
      }),
    };
  }

  /** The figures from the sub-select's JSON object. */
  read(row: SummaryRow): OverviewSummary {
    return {
      onboardings: row.total,
      byPhase: {
        introduction: row.introduction,
        pre_production: row.pre_production,
        production: row.production,
        active: row.active,
      },
      overdueStepsByParty: { customer: row.overdue_customer, provider: row.overdue_provider },
      slippage: {
        on_track: row.on_track,
        up_to_7: row.up_to_7,
        up_to_30: row.up_to_30,
        over_30: row.over_30,
      },
    };
  }
}

function daysBefore(at: Date, days: number): Date {
  return new Date(at.getTime() - days * 86_400_000);
}
