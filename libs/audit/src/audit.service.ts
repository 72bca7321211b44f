import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/access';
import { Clock } from '@app/platform';
import { EntityManager } from 'typeorm';
import { chainOf } from './audit-chains';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { AuditRecord } from './audit-record.entity';
import { withholdChanges } from './internal-changes';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  organisationId?: string | null;
  engagementId?: string | null;
  /** What changed, e.g. { status: { from, to } } or the created fields (never secrets). */
  changes: Record<string, unknown>;
  /**
   * `internal`: a change only the provider's side may read (an internal comment, an internal
   * file). The chain then carries `{ visibility: 'internal', contentSha256 }` and the changes
   * are kept aside (AuditWithheldContent), so everyone who exports the chain can verify it and
   * only those who may read internal content see what it withholds.
   */
  visibility?: 'internal';
}

@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  /**
   * Appends a record to its chain (the engagement's, or the platform's) inside the caller's
   * transaction. The chain's head row stays locked until commit, so that chain never forks while
   * appends to other chains go on at the same time; write the audit record last to hold it briefly.
   */
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<AuditRecord> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit records must be written inside the transaction of the change');
    }
    const chain = chainOf(entry.engagementId);
    const split = entry.visibility === 'internal' ? withholdChanges(entry.changes) : null;
    const now = this.clock.now();
    // Creates the head on the chain's first record; either way locks it and reads it (the no-op
    // update makes ON CONFLICT return, and lock, the existing row).
    const [head] = (await manager.query(
      `INSERT INTO audit_chain_head (chain, engagement_id, seq, hash, updated_at) VALUES ($1, $2, 0, $3, $4)
       ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
       RETURNING seq::text AS seq, hash`,
      [chain, entry.engagementId ?? null, GENESIS_HASH, now],
    )) as { seq: string; hash: string }[];
    const fields = {
      chain,
      chainSeq: String(BigInt(head.seq) + 1n),
      occurredAt: now,
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      actorIp: actor.ip,
      actorUserAgent: actor.userAgent ? actor.userAgent.slice(0, 500) : null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      organisationId: entry.organisationId ?? null,
      engagementId: entry.engagementId ?? null,
      changes: split ? split.chained : entry.changes,
      prevHash: head.hash,
    };
    const hash = auditHash(fields);
    // One round trip appends the record and moves the head (INSERT on top: its rows come back).
    const [inserted] = (await manager.query(
      `WITH moved AS (UPDATE audit_chain_head SET seq = $2, hash = $15, updated_at = $3 WHERE chain = $1)
       INSERT INTO audit_record (chain, chain_seq, occurred_at, actor_user_id, actor_organisation_id, actor_ip, actor_user_agent,
                                 action, subject_type, subject_id, organisation_id, engagement_id, changes, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING seq::text AS seq`,
      [
        chain,
        fields.chainSeq,
        now,
        fields.actorUserId,
        fields.actorOrganisationId,
        fields.actorIp,
        fields.actorUserAgent,
        fields.action,
        fields.subjectType,
        fields.subjectId,
        fields.organisationId,
        fields.engagementId,
        JSON.stringify(fields.changes),
        fields.prevHash,
        hash,
      ],
    )) as { seq: string }[];
    if (split) {
      await manager.query(`INSERT INTO audit_withheld_content (seq, content) VALUES ($1, $2)`, [
        inserted.seq,
        JSON.stringify(split.withheld),
      ]);
    }
    return manager.getRepository(AuditRecord).create({ ...fields, seq: inserted.seq, hash });
  }
}
