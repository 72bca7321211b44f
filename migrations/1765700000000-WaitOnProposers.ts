import { AGREEMENT_STEP_KEYS } from '@app/agreements/workflow-link';
import { MAX_BLOCKERS } from '@app/workflow/progress/compute-progress';
import { proposersSql } from '@app/workflow/proposals/proposers-sql';
import { BUILT_IN_TEMPLATES } from '@app/workflow/templates';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An approval awaiting a (new) proposal — rejected, or open/stale with nothing proposed or its
 * newest proposal outdated — now waits on its proposer (workflow `waitedOn`). The kept overview
 * rows are corrected here, once, in the deploy that changes the rule: the keeper writes the new
 * attribution from now on, and `cli verify-progress` would otherwise report every onboarding
 * with such a step. Steps decided in an agreement or runbook are proposed there and keep their
 * own party, as in the app. `down` restores the old attribution (each step's own party).
 */
export class WaitOnProposers1765700000000 implements MigrationInterface {
  name = 'WaitOnProposers1765700000000';

  async up(q: QueryRunner): Promise<void> {
    const decidedElsewhere = AGREEMENT_STEP_KEYS as readonly string[];
    await q.query(
      recomputeSql(proposersSql(BUILT_IN_TEMPLATES, (key) => decidedElsewhere.includes(key))),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(recomputeSql(proposersSql([])));
  }
}

/** waiting_on_customer/provider and blockers of every kept row, with the proposers given. */
function recomputeSql(proposers: string): string {
  const proposing = `pr.step_key IS NOT NULL AND (s.state = 'rejected' OR (s.state IN ('open', 'stale') AND coalesce(np.outdated, TRUE)))`;
  return `
    UPDATE onboarding_progress p
       SET waiting_on_customer = a.waiting_on_customer,
           waiting_on_provider = a.waiting_on_provider,
           blockers = a.blockers
      FROM (
        SELECT w.onboarding_id,
               (count(*) FILTER (WHERE w.party = 'customer'))::int AS waiting_on_customer,
               (count(*) FILTER (WHERE w.party = 'provider'))::int AS waiting_on_provider,
               coalesce(jsonb_agg(jsonb_build_object(
                   'key', w.key, 'party', w.party, 'role', w.role, 'state', w.state,
                   'dueAt', to_char(w.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                 ORDER BY w.due_at, w.position) FILTER (WHERE w.rank <= ${MAX_BLOCKERS}), '[]') AS blockers
          FROM (
            SELECT s.onboarding_id, s.key, s.state, s.due_at, s.position,
                   CASE WHEN ${proposing} THEN pr.party ELSE s.party END AS party,
                   CASE WHEN ${proposing} THEN pr.role ELSE s.role END AS role,
                   row_number() OVER (PARTITION BY s.onboarding_id ORDER BY s.due_at, s.position) AS rank
              FROM onboarding_step s
              JOIN onboarding o ON o.id = s.onboarding_id
              LEFT JOIN (${proposers}) pr
                     ON pr.template_key = o.template_key AND pr.template_version = o.template_version
                    AND pr.step_key = s.key AND s.type = 'approval'
              LEFT JOIN LATERAL (
                SELECT sub.outdated_at IS NOT NULL AS outdated
                  FROM step_submission sub
                 WHERE sub.onboarding_id = s.onboarding_id AND sub.step_key = s.key
                 ORDER BY sub.version DESC LIMIT 1) np ON pr.step_key IS NOT NULL
             WHERE s.required_for_start AND s.state IN ('open', 'stale', 'rejected')) w
         GROUP BY w.onboarding_id) a
     WHERE a.onboarding_id = p.onboarding_id`;
}
