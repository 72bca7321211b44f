import { createHash } from 'node:crypto';
import type { AuditRecord } from './audit-record.entity';
import { canonicalJson } from './canonical-json';

/** The hash a chain starts from, before its first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a record's hash covers: everything but the global `seq` (an ordering id) and the hash. */
export type HashedFields = Omit<AuditRecord, 'hash' | 'seq'>;

/**
 * The fields a record's hash covers, in the form they are hashed (and exported) in. A record is
 * placed by its chain and its position in it (`chainSeq`, contiguous from 1); the global `seq`
 * only orders the whole log and may have gaps, so it is not covered.
 */
export function hashedContent(record: Omit<HashedFields, 'prevHash'>) {
  return {
    chain: record.chain,
    chainSeq: String(record.chainSeq),
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

/** SHA-256 over the previous hash, a newline, and the record's canonical content. */
export function auditHash(record: HashedFields): string {
  const content = canonicalJson(hashedContent(record));
  return createHash('sha256').update(record.prevHash).update('\n').update(content).digest('hex');
}
