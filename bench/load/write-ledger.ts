// What the mix's writes left in the database, counted before and after the load, so a run over
// several API processes can show that every answered write is recorded exactly once: each 2xx
// approval one `approved` history event and one audit record, each 201 proposal (known by its
// unique note) one stored version, one history event and one audit record, and no mail written
// twice to the outbox. A request sent when a run stops may be recorded without its answer
// arriving, so a count may exceed the 2xx answers, never the requests sent.
import type { Client } from 'pg';

export interface WriteCounts {
  approvedEvents: number;
  approvedAudits: number;
  submissions: number;
  proposalEvents: number;
  proposalAudits: number;
}

/** The mix's writes, tallied as they are sent and as their 2xx answers arrive. */
export interface AnsweredWrites {
  approvals: number;
  proposals: number;
  sent: { approvals: number; proposals: number };
  /** The notes of the proposals answered 201 (each request's note is unique). */
  notes: string[];
  /** `onboarding@version` of the step each 2xx approval answered with (an approval is one version). */
  approvedVersions: string[];
}

export function noWrites(): AnsweredWrites {
  return {
    approvals: 0,
    proposals: 0,
    sent: { approvals: 0, proposals: 0 },
    notes: [],
    approvedVersions: [],
  };
}

export async function countWrites(
  db: Client,
  onboardingIds: readonly string[],
  stepKey: string,
): Promise<WriteCounts> {
  const { rows } = await db.query<Record<keyof WriteCounts, string>>(
    `SELECT
       (SELECT count(*) FROM onboarding_event
         WHERE onboarding_id = ANY($1) AND step_key = $2 AND action = 'approved') AS "approvedEvents",
       (SELECT count(*) FROM audit_record r JOIN onboarding_step s ON s.id::text = r.subject_id
         WHERE r.action = 'onboarding.step.approved' AND r.subject_type = 'onboarding_step'
           AND s.onboarding_id = ANY($1) AND s.key = $2) AS "approvedAudits",
       (SELECT count(*) FROM step_submission
         WHERE onboarding_id = ANY($1) AND step_key = $2) AS submissions,
       (SELECT count(*) FROM onboarding_event
         WHERE onboarding_id = ANY($1) AND action = 'proposal_submitted') AS "proposalEvents",
       (SELECT count(*) FROM audit_record
         WHERE action = 'onboarding.proposal_submitted' AND subject_type = 'onboarding'
           AND subject_id = ANY($1::text[])) AS "proposalAudits"`,
    [onboardingIds, stepKey],
  );
  const row = rows[0];
  return {
    approvedEvents: Number(row.approvedEvents),
    approvedAudits: Number(row.approvedAudits),
    submissions: Number(row.submissions),
    proposalEvents: Number(row.proposalEvents),
    proposalAudits: Number(row.proposalAudits),
  };
}

/** Outbox messages written more than once: the same job with the same payload, or the same dedupe key. */
export async function duplicatedMails(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT (
       SELECT count(*) FROM (
         SELECT 1 FROM outbox_message GROUP BY job_name, payload HAVING count(*) > 1) same
     ) + (
       SELECT count(*) FROM (
         SELECT 1 FROM outbox_message WHERE dedupe_key IS NOT NULL
         GROUP BY dedupe_key HAVING count(*) > 1) keyed
     ) AS n`,
  );
  return Number(rows[0].n);
}

/** Answered proposals whose note is not stored exactly once. */
export async function proposalsNotOnce(
  db: Client,
  onboardingIds: readonly string[],
  notes: readonly string[],
): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM unnest($2::text[]) AS answered(note)
     WHERE (SELECT count(*) FROM step_submission s
             WHERE s.onboarding_id = ANY($1) AND s.note = answered.note) <> 1`,
    [onboardingIds, notes],
  );
  return Number(rows[0].n);
}

/** One line per mismatch between the answers and the records (empty: nothing lost or doubled). */
export function mismatches(
  before: WriteCounts,
  after: WriteCounts,
  writes: AnsweredWrites,
  proposalsNotStoredOnce: number,
): string[] {
  const d = (k: keyof WriteCounts): number => after[k] - before[k];
  const out: string[] = [];
  const within = (what: string, n: number, answered: number, sent: number): void => {
    if (n < answered || n > sent)
      out.push(`${what}: ${n} recorded, ${answered} answered 2xx of ${sent} sent`);
  };
  within('approved history events', d('approvedEvents'), writes.approvals, writes.sent.approvals);
  if (d('approvedAudits') !== d('approvedEvents'))
    out.push(
      `approvals: ${d('approvedEvents')} history events but ${d('approvedAudits')} audit records`,
    );
  within('stored proposals', d('submissions'), writes.proposals, writes.sent.proposals);
  if (d('proposalEvents') !== d('submissions') || d('proposalAudits') !== d('submissions'))
    out.push(
      `proposals: ${d('submissions')} stored, ${d('proposalEvents')} history events, ${d('proposalAudits')} audit records`,
    );
  if (proposalsNotStoredOnce > 0)
    out.push(`${proposalsNotStoredOnce} proposals answered 201 are not stored exactly once`);
  const versions = new Set(writes.approvedVersions);
  if (versions.size !== writes.approvedVersions.length)
    out.push(
      `${writes.approvedVersions.length - versions.size} approvals answered 2xx for a step version already approved`,
    );
  return out;
}
