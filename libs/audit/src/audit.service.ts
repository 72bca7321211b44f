import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/identity/scope/access-scope';
import { Clock } from '@app/platform';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { AuditRecord } from './audit-record.entity';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  organisationId?: string | null;
  engagementId?: string | null;
  /** What changed, e.g. { status: { from, to } } or the created fields (never secrets). */
  changes: Record<string, unknown>;
}

/** Any fixed number works; it only has to be the same for every writer of the chain. */
const AUDIT_CHAIN_LOCK = 7_245_019;

@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  /**
   * Appends a record inside the caller's transaction. The advisory lock serialises appends
   * until commit, so the chain never forks; write the audit record last to hold it briefly.
   */
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<AuditRecord> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit records must be written inside the transaction of the change');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last = await manager
      .getRepository(AuditRecord)
      .createQueryBuilder('a')
      .select(['a.seq', 'a.hash'])
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getOne();
    const fields = {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      occurredAt: this.clock.now(),
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      actorIp: actor.ip,
      actorUserAgent: actor.userAgent ? actor.userAgent.slice(0, 500) : null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      organisationId: entry.organisationId ?? null,
      engagementId: entry.engagementId ?? null,
      changes: entry.changes,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const record = manager.getRepository(AuditRecord).create({ ...fields, hash: auditHash(fields) });
    // jsonb `changes` is typed loosely; the record is complete, so the cast is safe.
    await manager.getRepository(AuditRecord).insert(record as QueryDeepPartialEntity<AuditRecord>);
    return record;
  }
}
