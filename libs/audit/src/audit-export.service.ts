import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessScope, engagementScopeCondition } from '@app/identity';
import { csvLine, ForbiddenException, NotFoundException } from '@app/platform';
import { DataSource } from 'typeorm';
import { hashedContent } from './audit-hash';
import { AuditRecord } from './audit-record.entity';
import { canonicalJson } from './canonical-json';

/** One record as exported: every field its hash covers, then the hash chain fields. */
export interface ExportedAuditRecord {
  seq: string;
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
}

export const AUDIT_EXPORT_COLUMNS = [
  'seq', 'occurred_at', 'actor_user_id', 'actor_organisation_id', 'actor_ip', 'actor_user_agent', 'action',
  'subject_type', 'subject_id', 'organisation_id', 'engagement_id', 'changes', 'prev_hash', 'hash',
] as const;

const BATCH = 500;

export function exportedRecord(record: AuditRecord): ExportedAuditRecord {
  return { ...hashedContent(record), prevHash: record.prevHash, hash: record.hash };
}

/** A CSV line of one record; `changes` is its canonical JSON, exactly what the hash covers. */
export function auditCsvLine(record: ExportedAuditRecord): string {
  return csvLine([
    record.seq, record.occurredAt, record.actorUserId, record.actorOrganisationId, record.actorIp, record.actorUserAgent,
    record.action, record.subjectType, record.subjectId, record.organisationId, record.engagementId,
    canonicalJson(record.changes), record.prevHash, record.hash,
  ]);
}

/** Who may take an engagement's audit log away: its coordinators and the customer's security lead. */
export function mayExportAudit(scope: AccessScope): boolean {
  return scope.isPlatformAdmin || scope.has('provider_lead', 'account_manager', 'customer_security_lead');
}

/**
 * Every audit record of one engagement in chain order (seq ascending), read in batches so a
 * long history streams with flat memory. The records are exported as stored, previous hash and
 * hash included, so an auditor can recompute each record's hash (see audit-hash.ts) and check
 * its link to the record before it in the whole log.
 */
@Injectable()
export class AuditExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Checks access first (404 outside the scope, 403 for roles that may not export). */
  async open(scope: AccessScope, engagementId: string): Promise<AsyncGenerator<ExportedAuditRecord>> {
    const condition = engagementScopeCondition(scope, 'e');
    const visible = await this.dataSource
      .createQueryBuilder()
      .select('e.id')
      .from('engagement', 'e')
      .where('e.id = :engagementId', { engagementId })
      .andWhere(condition.sql, condition.params)
      .getRawOne();
    if (!visible) throw new NotFoundException('Engagement');
    if (!mayExportAudit(scope)) throw new ForbiddenException('Only the engagement’s provider lead, account managers and the customer’s security lead export its audit log');
    return this.records(engagementId);
  }

  private async *records(engagementId: string): AsyncGenerator<ExportedAuditRecord> {
    let after = '0';
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditRecord)
        .createQueryBuilder('a')
        .where('a.engagement_id = :engagementId', { engagementId })
        .andWhere('a.seq > :after', { after })
        .orderBy('a.seq', 'ASC')
        .limit(BATCH)
        .getMany();
      for (const record of batch) yield exportedRecord(record);
      if (batch.length < BATCH) return;
      after = batch[batch.length - 1].seq;
    }
  }
}
