import { Incident, IncidentAction, IncidentEscalation, IncidentEvent, IncidentSlaBreach, IncidentTask } from '../entities';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function incidentSummary(i: Incident, breaches: IncidentSlaBreach[] = []): Record<string, unknown> {
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
    breaches: breaches.map((b) => ({ timer: b.timer, dueAt: iso(b.dueAt), detectedAt: iso(b.detectedAt) })),
  };
}

export function eventView(e: IncidentEvent): Record<string, unknown> {
  return { id: e.id, type: e.type, actorUserId: e.actorUserId, at: iso(e.at), details: e.details };
}

export function taskView(t: IncidentTask): Record<string, unknown> {
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
    /** The note when done; the reason when not applicable. */
    note: t.note,
  };
}

export function actionView(a: IncidentAction): Record<string, unknown> {
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

export function escalationView(e: IncidentEscalation): Record<string, unknown> {
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
