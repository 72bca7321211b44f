import { Injectable } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { Incident, IncidentAction } from '@app/incidents';
import { TransactionRunner } from '@app/platform';
import { incidentsPath } from '../incidents/incident-page-input';
import { PortalViewer } from '../session/portal-viewer.service';

/** A response action that waits for the customer's security lead, as the home page lists it. */
export interface PendingApproval {
  action: string;
  target: string;
  timeoutAt: Date | null;
  incidentTitle: string;
  href: string;
}

/** Keeps the home list short: the incident page has the rest. */
const LIMIT = 10;

/**
 * The security lead's "pending approvals": awaiting response actions of their organisation's
 * started engagements (the engagements come from the viewer's scoped list), oldest first.
 */
@Injectable()
export class PendingApprovals {
  constructor(private readonly tx: TransactionRunner) {}

  async of(viewer: PortalViewer, engagements: EngagementView[]): Promise<PendingApproval[]> {
    if (!viewer.scope.has('customer_security_lead')) return [];
    const ids = engagements.filter((e) => e.status === 'active' && e.customerOrganisationId === viewer.scope.organisationId).map((e) => e.id);
    if (ids.length === 0) return [];
    const rows = await this.tx.manager
      .getRepository(IncidentAction)
      .createQueryBuilder('a')
      .innerJoin(Incident, 'i', 'i.id = a.incident_id')
      .select(['a.action AS action', 'a.target AS target', 'a.timeout_at AS "timeoutAt"', 'i.title AS "incidentTitle"', 'i.id AS "incidentId"', 'i.engagement_id AS "engagementId"'])
      .where('i.engagement_id IN (:...ids)', { ids })
      .andWhere("a.status = 'awaiting_customer'")
      .orderBy('a.requested_at', 'ASC')
      .limit(LIMIT)
      .getRawMany<{ action: string; target: string; timeoutAt: Date | null; incidentTitle: string; incidentId: string; engagementId: string }>();
    return rows.map((r) => ({ action: r.action, target: r.target, timeoutAt: r.timeoutAt, incidentTitle: r.incidentTitle, href: incidentsPath(r.engagementId, r.incidentId) }));
  }
}
