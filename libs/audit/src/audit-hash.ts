import { createHash } from 'node:crypto';
import type { AuditRecord } from './audit-record.entity';
import { canonicalJson } from './canonical-json';

/** The hash a chain starts from, before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Omit<AuditRecord, 'hash'>;

/** The fields a record's hash covers, in the form they are hashed (and exported) in. */
export function hashedContent(record: Omit<HashedFields, 'prevHash'>) {
  return {
    seq: String(record.seq),
    occurredAt: new Date(record.occurredAt).toISOString(),
    actorUserId: record.actorUserId,
    actorOrganisationId: record.actorOrganisationId,
    actorIp: record.actorIp,
    actorUserAgent: record.actorUserAgent,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    organisationId: record.organisationId,
    engagementId: record.engagementId,
    changes: record.changes,
  };
}

/** SHA-256 over the previous hash and the record's canonical content (everything but its hash). */
export function auditHash(record: HashedFields): string {
  const content = canonicalJson(hashedContent(record));
  return createHash('sha256').update(record.prevHash).update('\n').update(content).digest('hex');
}
