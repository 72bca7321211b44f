import type { TemplateDefinition } from '../templates/template.types';
import { WAITING_STATES } from '../progress/compute-progress';
import { PHASES } from '../templates/template.types';

const WAITING = WAITING_STATES.map((s) => `'${s}'`).join(', ');
const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Who proposes each approval, one row per step key when every template with that key agrees (no
 * template check then), else one row per template version. Keys without a proposer anywhere are
 * left out; a template where the key has none keeps its own row with no party, so it never moves.
 */
function proposerRows(
  templates: readonly TemplateDefinition[],
  decidedElsewhere: (stepKey: string) => boolean,
): { keys: string[]; rows: string[] } {
  const byKey = new Map<string, { key: string; version: number; party: string | null }[]>();
  for (const t of templates)
    for (const step of t.steps) {
      const proposes = step.type === 'approval' && step.proposer && !decidedElsewhere(step.key);
      const entry = {
        key: t.key,
        version: t.version,
        party: proposes ? step.proposer!.party : null,
      };
      byKey.set(step.key, [...(byKey.get(step.key) ?? []), entry]);
    }
  const rows: string[] = [];
  const keys: string[] = [];
  for (const [stepKey, entries] of byKey) {
    if (entries.every((e) => e.party === null)) continue;
    keys.push(stepKey);
    const parties = new Set(entries.map((e) => e.party));
    if (parties.size === 1) {
      rows.push(
        `(CAST(NULL AS text), CAST(NULL AS int), ${quote(stepKey)}, ${quote(entries[0].party as string)})`,
      );
    } else {
      for (const e of entries)
        if (e.party !== null)
          rows.push(`(${quote(e.key)}, ${e.version}, ${quote(stepKey)}, ${quote(e.party)})`);
    }
  }
  return { keys, rows };
}

/**
 * Overdue steps that wait on another party than their own (workflow `waitedOn`): approvals with
 * a proposer that are rejected, or open/stale with nothing or an outdated proposal, wait on the
 * proposer. Counted by the party they move to; only steps whose key has a proposer are looked at
 * (read from the covering index of waiting steps), and only where templates disagree is the
 * onboarding's template looked up. Written without per-row sub-plans over all overdue steps,
 * whose estimate would pass PostgreSQL's jit_above_cost (JIT then costs more than the query).
 */
function movedToProposerSql(
  visible: string,
  templates: readonly TemplateDefinition[],
  decidedElsewhere: (stepKey: string) => boolean,
): string | null {
  const { keys, rows } = proposerRows(templates, decidedElsewhere);
  if (rows.length === 0) return null;
  return `
      SELECT (count(*) FILTER (WHERE pr.party = 'customer'))::int AS to_customer,
             (count(*) FILTER (WHERE pr.party = 'provider'))::int AS to_provider
        FROM (${visible}) x
        JOIN onboarding_step s ON s.onboarding_id = x.onboarding_id
        JOIN (VALUES ${rows.join(', ')}) pr(template_key, template_version, step_key, party)
          ON pr.step_key = s.key AND pr.party <> s.party
        LEFT JOIN LATERAL (
          SELECT sub.outdated_at IS NOT NULL AS outdated
            FROM step_submission sub
           WHERE sub.onboarding_id = s.onboarding_id AND sub.step_key = s.key
           ORDER BY sub.version DESC LIMIT 1) np ON s.state <> 'rejected'
       WHERE x.status <> 'active' AND s.state IN (${WAITING}) AND s.due_at < :now
         -- Filtered on the index before the newest proposal is looked up.
         AND s.key IN (${keys.map(quote).join(', ')})
         AND (s.state = 'rejected' OR coalesce(np.outdated, TRUE))
         AND (pr.template_key IS NULL OR (
              SELECT o.template_key = pr.template_key AND o.template_version = pr.template_version
                FROM onboarding o WHERE o.id = s.onboarding_id))`;
}

/**
 * One row of the overview's chart figures over `visible` (the kept progress rows `p` a reader may
 * see): onboardings by phase, slippage buckets, and overdue steps by the party waited on. Named
 * parameters :now, :week and :month (and the visible condition's own).
 */
export function overviewSummarySql(
  visible: string,
  templates: readonly TemplateDefinition[],
  decidedElsewhere: (stepKey: string) => boolean,
): string {
  const moved = movedToProposerSql(visible, templates, decidedElsewhere);
  // Overdue by the party waited on: each step's own, less those moved to the other party.
  return `
      SELECT phases.*,
             own.own_customer - moved.to_provider + moved.to_customer AS overdue_customer,
             own.own_provider - moved.to_customer + moved.to_provider AS overdue_provider
        FROM (
      SELECT count(*)::int AS total,
             (count(*) FILTER (WHERE v.status = 'active'))::int AS active,
             ${PHASES.map((phase) => `(count(*) FILTER (WHERE v.status <> 'active' AND v.phase = '${phase}'))::int AS ${phase}`).join(',\n')},
             (count(*) FILTER (WHERE v.status <> 'active' AND (v.next_due_at IS NULL OR v.next_due_at >= :now)))::int AS on_track,
             (count(*) FILTER (WHERE v.status <> 'active' AND v.next_due_at < :now AND v.next_due_at >= :week))::int AS up_to_7,
             (count(*) FILTER (WHERE v.status <> 'active' AND v.next_due_at < :week AND v.next_due_at >= :month))::int AS up_to_30,
             (count(*) FILTER (WHERE v.status <> 'active' AND v.next_due_at < :month))::int AS over_30
          FROM (${visible}) v) phases
      CROSS JOIN (
      SELECT (count(*) FILTER (WHERE s.party = 'customer'))::int AS own_customer,
             (count(*) FILTER (WHERE s.party = 'provider'))::int AS own_provider
        FROM (${visible}) w
        JOIN onboarding_step s ON s.onboarding_id = w.onboarding_id
       WHERE w.status <> 'active' AND s.state IN (${WAITING}) AND s.due_at < :now) own
      CROSS JOIN (${moved ?? 'SELECT 0 AS to_customer, 0 AS to_provider'}) moved`;
}
