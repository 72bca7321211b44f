import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, engagementScopeCondition } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { Incident, IncidentAction } from '../entities';
import { IncidentAccess } from './incident-access';

/** A response action that waits for the customer's security lead. */
export interface AwaitingApproval {
  action: string;
  target: string;
  timeoutAt: Date | null;
  incidentId: string;
  incidentTitle: string;
  engagementId: string;
}

/** A response action waiting for the viewer, for the banner every page shows them. */
export interface UrgentApproval {
  actionId: string;
  action: string;
  target: string;
  timeoutAt: Date | null;
  incidentId: string;
  incidentTitle: string;
  engagementId: string;
}

/**
 * The response actions that wait for the customer's decision: across a security lead's started
 * engagements (their home page), and counted per incident of one engagement (the queue).
 * Both read through the caller's scope: another tenant's engagement adds nothing.
 */
@Injectable()
export class AwaitingApprovalsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IncidentAccess,
  ) {}

  /**
   * What the scope's security lead decides among the given engagements: those of their own
   * organisation that have started, oldest request first, at most `limit`.
   */
  async forSecurityLead(
    scope: AccessScope,
    engagementIds: readonly string[],
    limit: number,
  ): Promise<AwaitingApproval[]> {
    // The role here; the customer side of each engagement (the capability's subject) in the SQL below.
    if (!can(scope, 'incident.action.decide') || engagementIds.length === 0) return [];
    const visible = engagementScopeCondition(scope, 'e');
    return this.tx.manager
      .getRepository(IncidentAction)
      .createQueryBuilder('a')
      .innerJoin(Incident, 'i', 'i.id = a.incident_id')
      .innerJoin(Engagement, 'e', 'e.id = i.engagement_id')
      .select([
        'a.action AS action',
        'a.target AS target',
        'a.timeout_at AS "timeoutAt"',
        'i.title AS "incidentTitle"',
        'i.id AS "incidentId"',
        'i.engagement_id AS "engagementId"',
      ])
      .where('i.engagement_id IN (:...engagementIds)', { engagementIds })
      .andWhere(visible.sql, visible.params)
      .andWhere("e.status = 'active' AND e.customer_organisation_id = :approverOrgId", {
        approverOrgId: scope.organisationId,
      })
      .andWhere("a.status = 'awaiting_customer'")
      .orderBy('a.requested_at', 'ASC')
      .limit(limit)
      .getRawMany<AwaitingApproval>();
  }

  /**
   * The approvals waiting for the scope's security lead across every engagement they see, the
   * nearest deadline first, at most `limit`, with how many there are in all. One statement, read
   * through the partial index of awaiting actions (`incident_action_awaiting_idx`): it runs on
   * every page such a person opens. Anyone else gets nothing without a query.
   */
  async urgentFor(
    scope: AccessScope,
    limit: number,
  ): Promise<{ items: UrgentApproval[]; total: number }> {
    if (!can(scope, 'incident.action.decide')) return { items: [], total: 0 };
    const visible = engagementScopeCondition(scope, 'e');
    const rows = await this.tx.manager
      .getRepository(IncidentAction)
      .createQueryBuilder('a')
      .innerJoin(Incident, 'i', 'i.id = a.incident_id')
      .innerJoin(Engagement, 'e', 'e.id = i.engagement_id')
      .select([
        'a.id AS "actionId"',
        'a.action AS action',
        'a.target AS target',
        'a.timeout_at AS "timeoutAt"',
        'i.id AS "incidentId"',
        'i.title AS "incidentTitle"',
        'i.engagement_id AS "engagementId"',
        'count(*) OVER ()::int AS total',
      ])
      .where("a.status = 'awaiting_customer'")
      .andWhere(visible.sql, visible.params)
      .andWhere("e.status = 'active' AND e.customer_organisation_id = :approverOrgId", {
        approverOrgId: scope.organisationId,
      })
      .orderBy('a.timeout_at', 'ASC', 'NULLS LAST')
      .addOrderBy('a.requested_at', 'ASC')
      .limit(limit)
      .getRawMany<UrgentApproval & { total: number }>();
    return {
      items: rows.map(({ total: _total, ...item }) => item),
      total: rows[0]?.total ?? 0,
    };
  }

  /** How many actions wait for the customer, per incident of one engagement (404 for another tenant's). */
  async countByIncident(
    scope: AccessScope,
    engagementId: string,
    incidentIds: readonly string[],
  ): Promise<Map<string, number>> {
    await this.access.readable(scope, engagementId);
    if (incidentIds.length === 0) return new Map();
    const rows = await this.tx.manager
      .getRepository(IncidentAction)
      .createQueryBuilder('a')
      .innerJoin(Incident, 'i', 'i.id = a.incident_id')
      .select('a.incident_id', 'incidentId')
      .addSelect('COUNT(*)::int', 'count')
      .where('i.engagement_id = :engagementId', { engagementId })
      .andWhere('a.incident_id IN (:...incidentIds)', { incidentIds })
      .andWhere("a.status = 'awaiting_customer'")
      .groupBy('a.incident_id')
      .getRawMany<{ incidentId: string; count: number }>();
    return new Map(rows.map((row) => [row.incidentId, Number(row.count)]));
  }
}
