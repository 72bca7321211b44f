import {
  Incident,
  IncidentAction,
  IncidentEscalation,
  IncidentEvent,
  IncidentSlaBreach,
  IncidentTask,
} from '../entities';

function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null): string | null {
  return d?.toISOString() ?? null;
}

/** A time column as the API answers it: ISO 8601, null where the column is. */
type Iso<T> = T extends Date ? string : null;

/** An incident as the API answers it (times ISO 8601, UTC). */
export interface IncidentSummary {
  id: string;
  engagementId: string;
  title: Incident['title'];
  host: Incident['host'];
  severity: Incident['severity'];
  status: Incident['status'];
  detectionId: Incident['detectionId'];
  agreementVersion: Incident['agreementVersion'];
  openedBy: Incident['openedBy'];
  startedAt: Iso<Incident['startedAt']>;
  acknowledgeDueAt: Iso<Incident['acknowledgeDueAt']>;
  respondDueAt: Iso<Incident['respondDueAt']>;
  acknowledgedAt: Iso<Incident['acknowledgedAt']>;
  acknowledgedBy: Incident['acknowledgedBy'];
  respondedAt: Iso<Incident['respondedAt']>;
  respondedBy: Incident['respondedBy'];
  resolvedAt: Iso<Incident['resolvedAt']>;
  closedAt: Iso<Incident['closedAt']>;
  breaches: {
    timer: IncidentSlaBreach['timer'];
    dueAt: Iso<IncidentSlaBreach['dueAt']>;
    detectedAt: Iso<IncidentSlaBreach['detectedAt']>;
  }[];
}

export interface IncidentEventView {
  id: string;
  type: IncidentEvent['type'];
  actorUserId: IncidentEvent['actorUserId'];
  at: Iso<IncidentEvent['at']>;
  details: IncidentEvent['details'];
}

export interface IncidentTaskView {
  id: string;
  stepKey: IncidentTask['stepKey'];
  title: IncidentTask['title'];
  category: IncidentTask['category'];
  owner: { party: IncidentTask['ownerParty']; role: IncidentTask['ownerRole'] };
  timing: IncidentTask['timing'];
  dueAt: Iso<IncidentTask['dueAt']>;
  status: IncidentTask['status'];
  completedAt: Iso<IncidentTask['completedAt']>;
  completedBy: IncidentTask['completedBy'];
  /** The note when done; the reason when not applicable. */
  note: IncidentTask['note'];
}

export interface IncidentActionView {
  id: string;
  action: IncidentAction['action'];
  target: IncidentAction['target'];
  mode: IncidentAction['mode'];
  status: IncidentAction['status'];
  reason: IncidentAction['reason'];
  requestedBy: IncidentAction['requestedBy'];
  requestedAt: Iso<IncidentAction['requestedAt']>;
  timeoutAt: Iso<IncidentAction['timeoutAt']>;
  fallback: IncidentAction['fallback'];
  decidedBy: IncidentAction['decidedBy'];
  decidedAt: Iso<IncidentAction['decidedAt']>;
  decidedVia: IncidentAction['decidedVia'];
  executedAt: Iso<IncidentAction['executedAt']>;
}

export interface IncidentEscalationView {
  id: string;
  round: IncidentEscalation['round'];
  position: IncidentEscalation['position'];
  contactName: IncidentEscalation['contactName'];
  contactEmail: IncidentEscalation['contactEmail'];
  language: IncidentEscalation['language'];
  outOfHours: IncidentEscalation['outOfHours'];
  status: IncidentEscalation['status'];
  notifiedAt: Iso<IncidentEscalation['notifiedAt']>;
  ackDueAt: Iso<IncidentEscalation['ackDueAt']>;
  acknowledgedAt: Iso<IncidentEscalation['acknowledgedAt']>;
  acknowledgedBy: IncidentEscalation['acknowledgedBy'];
  acknowledgedVia: IncidentEscalation['acknowledgedVia'];
}

/** An incident with its timeline, runbook tasks, response actions and escalation calls. */
export interface IncidentDetail extends IncidentSummary {
  timeline: IncidentEventView[];
  tasks: IncidentTaskView[];
  actions: IncidentActionView[];
  escalations: IncidentEscalationView[];
}

export function incidentSummary(i: Incident, breaches: IncidentSlaBreach[] = []): IncidentSummary {
  return {
    id: i.id,
    engagementId: i.engagementId,
    title: i.title,
    host: i.host,
    severity: i.severity,
    status: i.status,
    detectionId: i.detectionId,
    agreementVersion: i.agreementVersion,
    openedBy: i.openedBy,
    startedAt: iso(i.startedAt),
    acknowledgeDueAt: iso(i.acknowledgeDueAt),
    respondDueAt: iso(i.respondDueAt),
    acknowledgedAt: iso(i.acknowledgedAt),
    acknowledgedBy: i.acknowledgedBy,
    respondedAt: iso(i.respondedAt),
    respondedBy: i.respondedBy,
    resolvedAt: iso(i.resolvedAt),
    closedAt: iso(i.closedAt),
    breaches: breaches.map((b) => ({
      timer: b.timer,
      dueAt: iso(b.dueAt),
      detectedAt: iso(b.detectedAt),
    })),
  };
}

export function eventView(e: IncidentEvent): IncidentEventView {
  return { id: e.id, type: e.type, actorUserId: e.actorUserId, at: iso(e.at), details: e.details };
}

export function taskView(t: IncidentTask): IncidentTaskView {
  return {
    id: t.id,
    stepKey: t.stepKey,
    title: t.title,
    category: t.category,
    owner: { party: t.ownerParty, role: t.ownerRole },
    timing: t.timing,
    dueAt: iso(t.dueAt),
    status: t.status,
    completedAt: iso(t.completedAt),
    completedBy: t.completedBy,
    note: t.note,
  };
}

export function actionView(a: IncidentAction): IncidentActionView {
  return {
    id: a.id,
    action: a.action,
    target: a.target,
    mode: a.mode,
    status: a.status,
    reason: a.reason,
    requestedBy: a.requestedBy,
    requestedAt: iso(a.requestedAt),
    timeoutAt: iso(a.timeoutAt),
    fallback: a.fallback,
    decidedBy: a.decidedBy,
    decidedAt: iso(a.decidedAt),
    decidedVia: a.decidedVia,
    executedAt: iso(a.executedAt),
  };
}

export function escalationView(e: IncidentEscalation): IncidentEscalationView {
  return {
    id: e.id,
    round: e.round,
    position: e.position,
    contactName: e.contactName,
    contactEmail: e.contactEmail,
    language: e.language,
    outOfHours: e.outOfHours,
    status: e.status,
    notifiedAt: iso(e.notifiedAt),
    ackDueAt: iso(e.ackDueAt),
    acknowledgedAt: iso(e.acknowledgedAt),
    acknowledgedBy: e.acknowledgedBy,
    acknowledgedVia: e.acknowledgedVia,
  };
}
