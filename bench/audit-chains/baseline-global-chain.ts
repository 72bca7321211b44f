// A frozen copy of the audit writer before the per-engagement chains: one chain for every
// customer, serialised by one advisory lock held until commit. The bench's baseline.
import { legacyAuditHash } from '@app/audit/legacy-global-chain';
import { EntityManager } from 'typeorm';

const AUDIT_CHAIN_LOCK = 7_245_019;

export const GLOBAL_TABLE = `
  CREATE TABLE bench_global_audit (
    seq bigint PRIMARY KEY, occurred_at timestamptz NOT NULL, actor_user_id uuid, actor_organisation_id uuid, actor_ip text,
    actor_user_agent text, action text NOT NULL, subject_type text NOT NULL, subject_id text NOT NULL, organisation_id uuid,
    engagement_id uuid, changes jsonb NOT NULL, prev_hash text NOT NULL, hash text NOT NULL)`;

export async function recordGlobally(
  manager: EntityManager,
  engagementId: string,
  changes: Record<string, unknown>,
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [last] = (await manager.query(
    `SELECT seq::text AS seq, hash FROM bench_global_audit g ORDER BY g.seq DESC LIMIT 1`,
  )) as { seq: string; hash: string }[];
  const fields = {
    seq: String(last ? BigInt(last.seq) + 1n : 1n),
    occurredAt: new Date(),
    actorUserId: null,
    actorOrganisationId: null,
    actorIp: '127.0.0.1',
    actorUserAgent: 'bench',
    action: 'thing.changed',
    subjectType: 'thing',
    subjectId: engagementId,
    organisationId: null,
    engagementId,
    changes,
    prevHash: last?.hash ?? '0'.repeat(64),
  };
  await manager.query(
    `INSERT INTO bench_global_audit (seq, occurred_at, actor_ip, actor_user_agent, action, subject_type, subject_id, engagement_id, changes, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      fields.seq,
      fields.occurredAt,
      fields.actorIp,
      fields.actorUserAgent,
      fields.action,
      fields.subjectType,
      fields.subjectId,
      engagementId,
      JSON.stringify(changes),
      fields.prevHash,
      legacyAuditHash(fields),
    ],
  );
}
