import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccessScope,
  can,
  customerFilterSql,
  organisationScopeCondition,
  visibleEngagementIdsSql,
} from '@app/access';
import { ForbiddenException } from '@app/platform';
import { DataSource } from 'typeorm';
import { mayExportAudit } from './audit-export.service';
import { AuditRecord } from './audit-record.entity';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  engagementId?: string;
  /** The customer organisation's id or part of its name: its engagements' records and its own. */
  customer?: string;
  limit: number;
  /** Records with a seq below this one (newest first paging). */
  beforeSeq?: string;
}

/** A record as the list shows it; `networkDetailsMasked` when the actor's IP and user agent are withheld. */
export type ListedAuditRecord = AuditRecord & { networkDetailsMasked?: true };

/**
 * Who sees where an action came from (the actor's IP address and user agent, personal data of
 * the person who acted): the platform admin, who runs the platform and investigates its abuse,
 * and the customer's security lead, who owns the customer's security record. The provider's
 * lead and account managers coordinate the onboarding and see who did what, not from where.
 */
function seesActorNetwork(scope: AccessScope): boolean {
  return can(scope, 'audit.read_network');
}

/**
 * Reads of the audit log, scoped like every other read of customer data, and only for the roles
 * that may export it (the same rule, so the list is no way around the export's 403).
 */
@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(scope: AccessScope, filter: AuditFilter): Promise<ListedAuditRecord[]> {
    if (!mayExportAudit(scope)) {
      throw new ForbiddenException(
        'Only provider leads, account managers, customer security leads and platform admins read the audit log',
      );
    }
    const qb = this.dataSource.getRepository(AuditRecord).createQueryBuilder('a');
    if (!scope.isPlatformAdmin) {
      const engagements = visibleEngagementIdsSql(scope);
      const organisations = organisationScopeCondition(scope, 'vo');
      qb.where(
        `(a.engagement_id IN (${engagements.sql}) OR (a.engagement_id IS NULL AND a.organisation_id IN (SELECT vo.id FROM organisation vo WHERE ${organisations.sql})))`,
        { ...engagements.params, ...organisations.params },
      );
    }
    if (filter.subjectType)
      qb.andWhere('a.subject_type = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId) qb.andWhere('a.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.engagementId)
      qb.andWhere('a.engagement_id = :engagementId', { engagementId: filter.engagementId });
    const customer = filter.customer
      ? customerFilterSql('fe.customer_organisation_id', filter.customer)
      : null;
    if (customer) {
      const own = customerFilterSql('a.organisation_id', filter.customer ?? '');
      qb.andWhere(
        `(a.engagement_id IN (SELECT fe.id FROM engagement fe WHERE ${customer.sql}) OR ${own?.sql})`,
        customer.params,
      );
    }
    if (filter.beforeSeq) qb.andWhere('a.seq < :beforeSeq', { beforeSeq: filter.beforeSeq });
    const records = await qb.orderBy('a.seq', 'DESC').limit(filter.limit).getMany();
    return seesActorNetwork(scope) ? records : records.map(withoutActorNetwork);
  }
}

function withoutActorNetwork(record: AuditRecord): ListedAuditRecord {
  return { ...record, actorIp: null, actorUserAgent: null, networkDetailsMasked: true };
}
