import type { Language } from '@app/access';
import { EntityManager } from 'typeorm';
import { CURRENT_DECISION_SQL } from '../inventory/endpoint-query.service';
import { ROLLOUT_MESSAGES } from '../messages/rollout-messages';

/** The approval step that binds to the set of decisions (see snapshots/decisions.snapshot.ts). */
export const UNSUPPORTED_OS_DECISIONS = 'unsupported_os_decisions';

/** Statuses that need a decision: the sensor cannot run, or the OS is out of or near the end of support. */
export const NEEDS_DECISION = ['unsupported', 'eol', 'eol_soon'] as const;

const EXAMPLES = 5;

export interface Undecided {
  unsupported: number;
  eol: number;
  eol_soon: number;
  pending: number;
  unclassified: number;
  examples: string[];
}

/**
 * Endpoints that need a decision without an approved one, by status (with examples and how many
 * wait for the customer's approval), and endpoints not yet classified.
 */
export async function undecidedEndpoints(
  manager: EntityManager,
  engagementId: string,
): Promise<Undecided> {
  const [row]: Undecided[] = await manager.query(
    `SELECT count(*) FILTER (WHERE e.support_status = 'unsupported' AND needs)::int AS unsupported,
            count(*) FILTER (WHERE e.support_status = 'eol' AND needs)::int AS eol,
            count(*) FILTER (WHERE e.support_status = 'eol_soon' AND needs)::int AS eol_soon,
            count(*) FILTER (WHERE needs AND cur.status = 'proposed')::int AS pending,
            count(*) FILTER (WHERE e.support_status IS NULL)::int AS unclassified,
            coalesce((array_agg(e.hostname ORDER BY lower(e.hostname)) FILTER (WHERE needs))[1:${EXAMPLES}], '{}') AS examples
     FROM endpoint e ${CURRENT_DECISION_SQL}
     CROSS JOIN LATERAL (SELECT e.support_status = ANY($2) AND cur.status IS DISTINCT FROM 'approved' AS needs) n
     WHERE e.engagement_id = $1`,
    [engagementId, NEEDS_DECISION],
  );
  return row;
}

/**
 * The reasons the unsupported-OS decisions are not complete: endpoints not yet classified, and
 * endpoints that need a decision without an approved one. Empty means every endpoint is decided.
 */
export async function undecidedEndpointReasons(
  manager: EntityManager,
  engagementId: string,
  language: Language = 'en',
): Promise<string[]> {
  const row = await undecidedEndpoints(manager, engagementId);
  const reasons: string[] = [];
  const words = WORDS[language];
  if (row.unclassified > 0) reasons.push(words.unclassified(row.unclassified));
  const total = row.unsupported + row.eol + row.eol_soon;
  if (total > 0) reasons.push(words.undecided(total, row, row.examples.join(', '), row.pending));
  return reasons;
}

type Words = {
  unclassified: (n: number) => string;
  undecided: (n: number, by: Undecided, examples: string, pending: number) => string;
};

/** Why endpoints still block the support decisions (`decisionCheck.*` in the roll-out catalog). */
const WORDS: Readonly<Record<Language, Words>> = {
  ja: words('ja'),
  en: words('en'),
  zh: words('zh'),
};

function words(language: Language): Words {
  const t = (key: string, params: Record<string, unknown>) =>
    ROLLOUT_MESSAGES.translate(language, `decisionCheck.${key}`, params);
  return {
    unclassified: (count) => t('unclassified', { count }),
    undecided: (count, by, examples, pending) =>
      t('undecided', {
        count,
        unsupported: by.unsupported,
        eol: by.eol,
        eolSoon: by.eol_soon,
        examples,
      }) + (pending ? t('pending', { pending }) : ''),
  };
}
