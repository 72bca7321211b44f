import type { Language } from '@app/access';
import { EntityManager } from 'typeorm';
import { CURRENT_DECISION_SQL } from '../inventory/endpoint-query.service';

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

const WORDS: Record<Language, Words> = {
  en: {
    unclassified: (n) => `${n} endpoints are not classified yet: run the classification`,
    undecided: (n, by, examples, pending) =>
      `${n} unsupported or end-of-support endpoints have no approved decision (unsupported ${by.unsupported}, support ended ${by.eol}, support ending soon ${by.eol_soon}), e.g. ${examples}` +
      (pending ? `; ${pending} of them have a proposal awaiting the customer's approval` : ''),
  },
  ja: {
    unclassified: (n) => `${n} 台の端末がまだ判定されていません。判定を実行してください`,
    undecided: (n, by, examples, pending) =>
      `サポート対象外またはサポート終了の端末 ${n} 台に承認済みの対応方針がありません（対象外 ${by.unsupported}、サポート終了 ${by.eol}、まもなく終了 ${by.eol_soon}）。例：${examples}` +
      (pending ? `。うち ${pending} 台は顧客の承認待ちの提案があります` : ''),
  },
  zh: {
    unclassified: (n) => `${n} 台终端尚未判定，请运行判定`,
    undecided: (n, by, examples, pending) =>
      `${n} 台不受支持或已终止支持的终端没有已批准的处理决定（不受支持 ${by.unsupported}，已终止支持 ${by.eol}，即将终止支持 ${by.eol_soon}），例如：${examples}` +
      (pending ? `；其中 ${pending} 台的提案正等待客户批准` : ''),
  },
};
