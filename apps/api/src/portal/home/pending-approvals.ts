import { Injectable } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { AwaitingApprovalsService } from '@app/incidents';
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
  constructor(private readonly awaiting: AwaitingApprovalsService) {}

  async of(viewer: PortalViewer, engagements: EngagementView[]): Promise<PendingApproval[]> {
    const ids = engagements.map((e) => e.id);
    const rows = await this.awaiting.forSecurityLead(viewer.scope, ids, LIMIT);
    return rows.map((r) => ({
      action: r.action,
      target: r.target,
      timeoutAt: r.timeoutAt,
      incidentTitle: r.incidentTitle,
      href: incidentsPath(r.engagementId, r.incidentId),
    }));
  }
}
