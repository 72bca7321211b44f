import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessScope } from '@app/identity/scope/access-scope';
import { organisationScopeCondition, visibleEngagementIdsSql } from '@app/identity/scope/scope-sql';
import { DataSource } from 'typeorm';
import { AuditRecord } from './audit-record.entity';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  engagementId?: string;
  limit: number;
  /** Records with a seq below this one (newest first paging). */
  beforeSeq?: string;
}

/** Reads of the audit log, scoped like every other read of customer data. */
@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(scope: AccessScope, filter: AuditFilter): Promise<AuditRecord[]> {
    const qb = this.dataSource.getRepository(AuditRecord).createQueryBuilder('a');
    if (!scope.isPlatformAdmin) {
      const engagements = visibleEngagementIdsSql(scope);
      const organisations = organisationScopeCondition(scope, 'vo');
      qb.where(
        `(a.engagement_id IN (${engagements.sql}) OR (a.engagement_id IS NULL AND a.organisation_id IN (SELECT vo.id FROM organisation vo WHERE ${organisations.sql})))`,
        { ...engagements.params, ...organisations.params },
      );
    }
    if (filter.subjectType) qb.andWhere('a.subject_type = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId) qb.andWhere('a.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.engagementId) qb.andWhere('a.engagement_id = :engagementId', { engagementId: filter.engagementId });
    if (filter.beforeSeq) qb.andWhere('a.seq < :beforeSeq', { beforeSeq: filter.beforeSeq });
    return qb.orderBy('a.seq', 'DESC').limit(filter.limit).getMany();
  }
}
