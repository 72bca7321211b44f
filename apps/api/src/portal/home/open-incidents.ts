import { Injectable } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { IncidentsService } from '@app/incidents';
import { incidentsPath } from '../incidents/incident-page-input';
import { PortalViewer } from '../session/portal-viewer.service';

/** An unresolved incident as the home page lists it, before anything else for provider staff. */
export interface OpenIncidentRow {
  title: string;
  host: string | null;
  severity: string;
  status: string;
  customerName: string;
  startedAt: string;
  /** Not yet acknowledged by the provider. */
  unacknowledged: boolean;
  /** An SLA timer has passed its deadline. */
  breached: boolean;
  href: string;
}

export interface OpenIncidentList {
  items: OpenIncidentRow[];
  total: number;
  /** More are open than the list shows. */
  more: boolean;
}

export const NO_OPEN_INCIDENTS: OpenIncidentList = { items: [], total: 0, more: false };

/** Keeps the home list short: the incident queues have the rest. */
const LIMIT = 10;

/**
 * The unresolved incidents of every engagement the viewer sees (through the incidents lib, with
 * the viewer's scope), most severe first: the analyst's first work, the customer's running worry.
 */
@Injectable()
export class OpenIncidents {
  constructor(private readonly incidents: IncidentsService) {}

  async of(viewer: PortalViewer, engagements: EngagementView[]): Promise<OpenIncidentList> {
    if (viewer.scope.isPlatformAdmin || !engagements.some((e) => e.status === 'active'))
      return NO_OPEN_INCIDENTS;
    const open = await this.incidents.openAcrossEngagements(viewer.scope, LIMIT);
    const customerOf = new Map(engagements.map((e) => [e.id, e.customerName]));
    return {
      total: open.total,
      more: open.total > open.items.length,
      items: open.items.map((incident) => ({
        title: incident.title,
        host: incident.host,
        severity: incident.severity,
        status: incident.status,
        customerName: customerOf.get(incident.engagementId) ?? '',
        startedAt: incident.startedAt,
        unacknowledged: incident.acknowledgedAt === null,
        breached: incident.breaches.length > 0,
        href: incidentsPath(incident.engagementId, incident.id),
      })),
    };
  }
}
