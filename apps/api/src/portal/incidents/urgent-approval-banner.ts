import { Injectable } from '@nestjs/common';
import type { Language } from '@app/identity';
import { AwaitingApprovalsService } from '@app/incidents';
import { Clock } from '@app/platform';
import type { PortalViewer } from '../session/portal-viewer.service';
import { incidentsPath } from './incident-page-input';
import { remainingTime } from './remaining-time';

/** How many waiting approvals the banner lists; the home page has the rest. */
const SHOWN = 3;

/** What the layout's urgent-approval banner shows (partials/urgent-approvals). */
export interface UrgentApprovalsBanner {
  items: {
    action: string;
    target: string;
    incidentTitle: string;
    /** The incident page, at the action's decision forms. */
    href: string;
    deadline: Date | null;
    /** Time left in the reader's language; null when there is no deadline or it has passed. */
    left: string | null;
    overdue: boolean;
  }[];
  /** Waiting beyond those listed. */
  more: number;
}

/**
 * The response actions waiting for the signed-in security lead, for the banner on every page
 * they open: the nearest deadlines with the time left by the business clock. Costs one indexed
 * query per page for those who may decide (AwaitingApprovalsService.urgentFor), none for others.
 */
@Injectable()
export class UrgentApprovalBanner {
  constructor(
    private readonly awaiting: AwaitingApprovalsService,
    private readonly clock: Clock,
  ) {}

  async of(viewer: PortalViewer | null, language: Language): Promise<UrgentApprovalsBanner | null> {
    // A session that must first set up a second factor sees only the enrolment page.
    if (!viewer || viewer.scope.mfaEnrolmentRequired) return null;
    const { items, total } = await this.awaiting.urgentFor(viewer.scope, SHOWN);
    if (items.length === 0) return null;
    const now = this.clock.now();
    return {
      items: items.map((item) => {
        const deadline = item.timeoutAt ? new Date(item.timeoutAt) : null;
        const left = deadline ? remainingTime(deadline, now, language) : null;
        return {
          action: item.action,
          target: item.target,
          incidentTitle: item.incidentTitle,
          href: `${incidentsPath(item.engagementId, item.incidentId)}#action-${item.actionId}`,
          deadline,
          left,
          overdue: deadline !== null && left === null,
        };
      }),
      more: Math.max(0, total - items.length),
    };
  }
}
