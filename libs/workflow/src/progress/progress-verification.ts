import { Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { proposersSql } from '../proposals/proposers-sql';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { TemplateRegistry } from '../services/template-registry';
import { BUILT_IN_TEMPLATES } from '../templates';
import type { TemplateDefinition } from '../templates/template.types';
import { MAX_BLOCKERS, WAITING_STATES } from './compute-progress';

/** One onboarding whose kept figures differ from the aggregate of its steps. */
export interface ProgressMismatch {
  onboardingId: string;
  /** Column → { kept, aggregate }; a missing row shows as kept: null for every column. */
  differences: Record<string, { kept: unknown; aggregate: unknown }>;
}

const WAITING = WAITING_STATES.map((s) => `'${s}'`).join(', ');

/**
 * The figures straight from the steps, in SQL independent of `computeProgress`: the plain
 * aggregate the kept rows must always equal. A waiting step counts for the party it waits on:
 * its own, or (an approval with a proposer that is rejected, or open/stale with no proposal or
 * its newest outdated) its proposer's — `waitedOn` restated here on purpose, as an independent check.
 */
function progressAggregateSql(
  templates: readonly TemplateDefinition[],
  decidedElsewhere: (stepKey: string) => boolean,
): string {
  const waiting = `s.required_for_start AND s.state IN (${WAITING})`;
  return `
  SELECT o.id AS onboarding_id,
         o.status,
         o.current_phase AS phase,
         count(s.id)::int AS steps_total,
         (count(s.id) FILTER (WHERE s.required_for_start))::int AS required_total,
         (count(s.id) FILTER (WHERE s.required_for_start AND s.state IN ('done', 'waived')))::int AS required_done,
         (count(s.id) FILTER (WHERE ${waiting} AND w.party = 'customer'))::int AS waiting_on_customer,
         (count(s.id) FILTER (WHERE ${waiting} AND w.party = 'provider'))::int AS waiting_on_provider,
         min(s.due_at) FILTER (WHERE ${waiting}) AS next_due_at,
         coalesce((array_agg(s.key ORDER BY s.due_at, s.position) FILTER (WHERE ${waiting}))[1:${MAX_BLOCKERS}], '{}') AS blocker_keys,
         coalesce((array_agg(w.party || ':' || w.role ORDER BY s.due_at, s.position) FILTER (WHERE ${waiting}))[1:${MAX_BLOCKERS}], '{}') AS blocker_waiting_on
    FROM onboarding o
    JOIN onboarding_step s ON s.onboarding_id = o.id
    LEFT JOIN (${proposersSql(templates, decidedElsewhere)}) pr
           ON pr.template_key = o.template_key AND pr.template_version = o.template_version
          AND pr.step_key = s.key AND s.type = 'approval'
    LEFT JOIN LATERAL (
      SELECT sub.outdated_at IS NOT NULL AS outdated
        FROM step_submission sub
       WHERE sub.onboarding_id = o.id AND sub.step_key = s.key
       ORDER BY sub.version DESC LIMIT 1) np ON pr.step_key IS NOT NULL
    CROSS JOIN LATERAL (
      SELECT CASE WHEN pr.step_key IS NOT NULL
                   AND (s.state = 'rejected' OR (s.state IN ('open', 'stale') AND coalesce(np.outdated, TRUE)))
                  THEN pr.party ELSE s.party END AS party,
             CASE WHEN pr.step_key IS NOT NULL
                   AND (s.state = 'rejected' OR (s.state IN ('open', 'stale') AND coalesce(np.outdated, TRUE)))
                  THEN pr.role ELSE s.role END AS role) w
   GROUP BY o.id`;
}

const COMPARED = [
  'status',
  'phase',
  'steps_total',
  'required_total',
  'required_done',
  'waiting_on_customer',
  'waiting_on_provider',
  'next_due_at',
  'blocker_keys',
  'blocker_waiting_on',
] as const;

type Row = Record<(typeof COMPARED)[number] | 'onboarding_id', unknown>;

/** Proves the kept progress equals the aggregate; run by a test and `cli verify-progress`. */
@Injectable()
export class ProgressVerification {
  /**
   * In the app: the registry's templates and the steps decided through other features. Outside
   * it (CLI, benches, tests): the built-in templates and the step keys given (`decidedElsewhere`).
   */
  constructor(
    @Optional() private readonly registry?: TemplateRegistry,
    @Optional() private readonly evidence?: StepEvidenceRegistry,
  ) {}

  /** Outside the app: the steps decided through other features are named by the caller. */
  static standalone(decidedElsewhere: readonly string[]): ProgressVerification {
    const evidence = new StepEvidenceRegistry();
    for (const key of decidedElsewhere) evidence.decideElsewhere(key, key);
    return new ProgressVerification(undefined, evidence);
  }

  async mismatches(
    manager: EntityManager,
    limit = 100,
  ): Promise<{ checked: number; mismatches: ProgressMismatch[] }> {
    const rows: (Row & { kept_onboarding_id: string | null; kept: Row | null })[] =
      await manager.query(`
      WITH aggregate AS (${progressAggregateSql(
        this.registry?.all() ?? BUILT_IN_TEMPLATES,
        (key) => this.evidence?.decidedIn(key) != null,
      )}),
           kept AS (
             SELECT p.onboarding_id, p.status, p.phase, p.steps_total, p.required_total, p.required_done,
                    p.waiting_on_customer, p.waiting_on_provider, p.next_due_at,
                    coalesce(ARRAY(SELECT b->>'key' FROM jsonb_array_elements(p.blockers) b), '{}') AS blocker_keys,
                    coalesce(ARRAY(SELECT (b->>'party') || ':' || (b->>'role') FROM jsonb_array_elements(p.blockers) b), '{}') AS blocker_waiting_on
               FROM onboarding_progress p)
      SELECT a.*, to_jsonb(k) AS kept
        FROM aggregate a
        LEFT JOIN kept k ON k.onboarding_id = a.onboarding_id
      UNION ALL
      SELECT k.onboarding_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, to_jsonb(k)
        FROM kept k WHERE NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.id = k.onboarding_id)`);
    const mismatches: ProgressMismatch[] = [];
    for (const row of rows) {
      const differences: ProgressMismatch['differences'] = {};
      for (const column of COMPARED) {
        const kept = normalise(row.kept ? row.kept[column] : null);
        const aggregate = normalise(row[column]);
        if (JSON.stringify(kept) !== JSON.stringify(aggregate))
          differences[column] = { kept, aggregate };
      }
      if (Object.keys(differences).length > 0 && mismatches.length < limit) {
        mismatches.push({ onboardingId: String(row.onboarding_id), differences });
      }
    }
    return { checked: rows.length, mismatches };
  }
}

/** Dates arrive as Date from columns and as strings from jsonb: compare instants. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value))
    return new Date(value).toISOString();
  return value ?? null;
}
