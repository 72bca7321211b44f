import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The hash of the single global chain that came before the per-engagement chains: it covered the
 * global `seq` and no chain fields. Kept, frozen, for the migration that splits that chain (it
 * verifies the old chain before and rebuilds it on the way down); nothing else uses it.
 */
export interface LegacyHashedFields {
  seq: string;
  occurredAt: Date | string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorIp: string | null;
  actorUserAgent: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  organisationId: string | null;
  engagementId: string | null;
  changes: Record<string, unknown>;
  prevHash: string;
}

export function legacyAuditHash(record: LegacyHashedFields): string {
  const content = canonicalJson({
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
  });
  return createHash('sha256').update(record.prevHash).update('\n').update(content).digest('hex');
}
