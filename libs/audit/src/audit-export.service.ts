import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessScope, can, isEngagementVisible } from '@app/access';
import { csvLine, ForbiddenException, NotFoundException } from '@app/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { chainOf } from './audit-chains';
import { hashedContent } from './audit-hash';
import { AuditRecord } from './audit-record.entity';
import { AuditWithheldContent, WithheldContent } from './audit-withheld-content.entity';
import { canonicalJson } from './canonical-json';

/**
 * One record as exported: its place in the whole log (`seq`, not hashed), every field its hash
 * covers (its chain and position in it first), then the hash chain fields.
 */
export interface ExportedAuditRecord {
  seq: string;
  chain: string;
  chainSeq: string;
  occurredAt: string;
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
  hash: string;
  /**
   * An internal record's withheld content (`changes` is then `{ visibility: 'internal',
   * contentSha256 }`), only for a reader who may see internal content; not hashed: its own
   * SHA-256 is the record's `contentSha256`.
   */
  withheld?: WithheldContent;
}

/**
 * The first fourteen as before the per-engagement chains; then the chain fields; last an
 * internal record's withheld content (canonical JSON), empty unless the reader may see it.
 */
export const AUDIT_EXPORT_COLUMNS = [
  'seq',
  'occurred_at',
  'actor_user_id',
  'actor_organisation_id',
  'actor_ip',
  'actor_user_agent',
  'action',
  'subject_type',
  'subject_id',
  'organisation_id',
  'engagement_id',
  'changes',
  'prev_hash',
  'hash',
  'chain',
  'chain_seq',
  'withheld',
] as const;

const BATCH = 500;

function exportedRecord(record: AuditRecord): ExportedAuditRecord {
  return {
    seq: String(record.seq),
    ...hashedContent(record),
    prevHash: record.prevHash,
    hash: record.hash,
  };
}

/** A CSV line of one record; `changes` is its canonical JSON, exactly what the hash covers. */
export function auditCsvLine(record: ExportedAuditRecord): string {
  return csvLine([
    record.seq,
    record.occurredAt,
    record.actorUserId,
    record.actorOrganisationId,
    record.actorIp,
    record.actorUserAgent,
    record.action,
    record.subjectType,
    record.subjectId,
    record.organisationId,
    record.engagementId,
    canonicalJson(record.changes),
    record.prevHash,
    record.hash,
    record.chain,
    record.chainSeq,
    record.withheld ? canonicalJson(record.withheld) : null,
  ]);
}

/** Who may take an engagement's audit log away: its coordinators and the customer's security lead. */
export function mayExportAudit(scope: AccessScope): boolean {
  return can(scope, 'audit.export');
}

/**
 * The engagement's chain in order (chainSeq ascending), read in batches so a long history
 * streams with flat memory. The records are exported as stored, previous hash and hash
 * included, so an auditor can recompute each record's hash (see audit-hash.ts) and check that
 * the chain is whole: contiguous from #1, each record linked to the one before it.
 */
/**
 * One chain's records from #1 (up to #`upTo` when given), in batches; with `disclose`, each
 * internal record carries its withheld content (for readers of internal content only).
 */
export async function* chainRecords(
  manager: EntityManager,
  chain: string,
  upTo?: string,
  disclose = false,
): AsyncGenerator<ExportedAuditRecord> {
  let after = '0';
  for (;;) {
    const query = manager
      .getRepository(AuditRecord)
      .createQueryBuilder('a')
      .where('a.chain = :chain', { chain })
      .andWhere('a.chain_seq > :after', { after });
    if (upTo !== undefined) query.andWhere('a.chain_seq <= :upTo', { upTo });
    const batch = await query.orderBy('a.chain_seq', 'ASC').limit(BATCH).getMany();
    const withheld = disclose
      ? await withheldOf(manager, batch)
      : new Map<string, WithheldContent>();
    for (const record of batch) {
      const exported = exportedRecord(record);
      const content = withheld.get(record.seq);
      yield content ? { ...exported, withheld: content } : exported;
    }
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1].chainSeq;
  }
}

/** The withheld content of a batch's internal records, by seq (one query, none without them). */
async function withheldOf(
  manager: EntityManager,
  batch: AuditRecord[],
): Promise<Map<string, WithheldContent>> {
  const seqs = batch.filter((r) => r.changes.visibility === 'internal').map((r) => r.seq);
  if (seqs.length === 0) return new Map();
  const rows = await manager.getRepository(AuditWithheldContent).findBy({ seq: In(seqs) });
  return new Map(rows.map((row) => [String(row.seq), row.content]));
}

@Injectable()
export class AuditExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Checks access first (404 outside the scope, 403 for roles that may not export). Internal
   * records carry their withheld content only for those who read internal content on this
   * engagement (`audit.read_internal`: the provider's side); the customer gets existence only.
   */
  async open(
    scope: AccessScope,
    engagementId: string,
  ): Promise<AsyncGenerator<ExportedAuditRecord>> {
    if (!(await isEngagementVisible(this.dataSource, scope, engagementId)))
      throw new NotFoundException('Engagement');
    if (!mayExportAudit(scope))
      throw new ForbiddenException(
        'Only the engagement’s provider lead, account managers and the customer’s security lead export its audit log',
      );
    const [engagement] = (await this.dataSource.query(
      `SELECT customer_organisation_id AS "customerOrganisationId", provider_organisation_id AS "providerOrganisationId"
         FROM engagement WHERE id = $1`,
      [engagementId],
    )) as { customerOrganisationId: string; providerOrganisationId: string }[];
    const disclose = engagement !== undefined && can(scope, 'audit.read_internal', engagement);
    return chainRecords(this.dataSource.manager, chainOf(engagementId), undefined, disclose);
  }
}
