import { Injectable } from '@nestjs/common';
import { can, EngagementView } from '@app/identity';
import {
  BLOCKABLE_IOC_TYPES,
  BlockListService,
  DetectionsService,
  INDICATOR_TYPES,
  mayEditRouting,
  NotificationRoutingService,
  PastIncidentsService,
  ROUTING_MODES,
} from '@app/rollout';
import type { FormProblem } from '../kit/form-problem';
import { PortalViewer } from '../session/portal-viewer.service';
import { protectionPath } from './protection-input';

function links(engagementId: string) {
  return {
    blockList: protectionPath(engagementId, 'block-list'),
    pastIncidents: protectionPath(engagementId, 'past-incidents'),
    routing: protectionPath(engagementId, 'notification-routing'),
    documents: `/engagements/${engagementId}/documents`,
  };
}

/** The data of the block list, past incidents and routing pages, through the viewer's scope. */
@Injectable()
export class ProtectionPageService {
  constructor(
    private readonly blockList: BlockListService,
    private readonly incidents: PastIncidentsService,
    private readonly routing: NotificationRoutingService,
    private readonly detections: DetectionsService,
  ) {}

  maintains(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'protection.maintain', engagement);
  }

  async blockListPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: FormProblem | null,
  ) {
    const entries = await this.blockList.list(viewer.scope, engagement.id);
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      customerName: engagement.customerName,
      links: links(engagement.id),
      canEdit: this.maintains(viewer, engagement),
      entries: entries.map((e) => ({
        ...e,
        expireAction: `${protectionPath(engagement.id, 'block-list')}/${e.id}/expire`,
      })),
      activeCount: entries.filter((e) => e.active).length,
      // The portal's own downloads: the JSON API takes bearer tokens, never this session's cookie.
      exportCsv: `${protectionPath(engagement.id, 'block-list')}.csv`,
      exportJson: `${protectionPath(engagement.id, 'block-list')}.json`,
      types: BLOCKABLE_IOC_TYPES.map((type) => ({ type, selected: problem?.values.type === type })),
      problem,
    };
  }

  async pastIncidentsPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: FormProblem | null,
  ) {
    const report = await this.incidents.effectiveness(viewer.scope, engagement.id);
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      customerName: engagement.customerName,
      links: links(engagement.id),
      canEdit: this.maintains(viewer, engagement),
      report,
      indicatorTypes: INDICATOR_TYPES.join(', '),
      problem,
    };
  }

  async routingPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    secret: string | null,
    problem: FormProblem | null,
  ) {
    const view = await this.routing.view(viewer.scope, engagement.id);
    const recent = await this.detections.list(viewer.scope, engagement.id, {
      limit: 20,
      offset: 0,
    });
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      customerName: engagement.customerName,
      links: links(engagement.id),
      routing: view,
      canEdit: mayEditRouting(viewer.scope, engagement),
      modes: ROUTING_MODES.map((mode) => ({
        mode,
        checked: (view.mode ?? 'per_country') === mode,
      })),
      secret,
      detections: recent.items,
      detectionTotal: recent.total,
      problem,
    };
  }
}
