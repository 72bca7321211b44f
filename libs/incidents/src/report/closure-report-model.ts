import type { Labels } from '@app/agreements/domain/labels';
import type { Language } from '@app/identity';
import { INCIDENT_EVENT_LABELS, INCIDENT_STATUS_LABELS } from '../domain/incident-labels';
import { SLA_TIMERS, SlaTimer } from '../domain/incident-vocabulary';
import { Incident, IncidentAction, IncidentEvent, IncidentSlaBreach, IncidentTask } from '../entities';

/** 2030-12-02 02:00 UTC: the same in every language, and exact. */
export function reportMoment(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}

export interface SlaLine {
  timer: SlaTimer;
  acknowledge: boolean;
  dueAt: string;
  stoppedAt: string;
  met: boolean;
  missed: boolean;
}

/** Met: stopped by its deadline; missed: a breach was recorded (late, or the deadline passed). */
export function slaLines(incident: Incident, breaches: IncidentSlaBreach[]): SlaLine[] {
  return SLA_TIMERS.map((timer) => {
    const dueAt = timer === 'acknowledge' ? incident.acknowledgeDueAt : incident.respondDueAt;
    const stoppedAt = timer === 'acknowledge' ? incident.acknowledgedAt : incident.respondedAt;
    const missed = breaches.some((b) => b.timer === timer) || (stoppedAt !== null && stoppedAt.getTime() > dueAt.getTime());
    return { timer, acknowledge: timer === 'acknowledge', dueAt: reportMoment(dueAt), stoppedAt: reportMoment(stoppedAt), met: stoppedAt !== null && !missed, missed };
  });
}

/** How an action came to be taken or not: flags the templates word in their language. */
export function actionHow(a: IncidentAction): Record<string, boolean> {
  return {
    preAuthorised: a.mode === 'authorize',
    recommendation: a.mode === 'notify',
    viaLink: a.decidedVia === 'link',
    viaPortal: a.decidedVia === 'portal',
    viaFallback: a.decidedVia === 'fallback',
    waiting: a.status === 'awaiting_customer',
    declined: a.status === 'declined',
  };
}

export interface ReportInputs {
  incident: Incident;
  /** The report's language: the words for event types and statuses. */
  language: Language;
  labels: Labels;
  customerName: string;
  events: IncidentEvent[];
  actions: IncidentAction[];
  tasks: IncidentTask[];
  breaches: IncidentSlaBreach[];
  names: Map<string, string>;
}

/**
 * Everything the closure-report template prints, already formatted and worded in the report's
 * language; a code stays beside its words only where markup needs it (the timeline's `type`,
 * printed as a `data-type` attribute, never as text).
 */
export function closureReportModel(input: ReportInputs): Record<string, unknown> {
  const { incident, language, labels, names } = input;
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : null);
  const slas = slaLines(incident, input.breaches);
  return {
    customerName: input.customerName,
    title: incident.title,
    host: incident.host,
    severity: labels.severity[incident.severity],
    status: INCIDENT_STATUS_LABELS[language][incident.status],
    startedAt: reportMoment(incident.startedAt),
    resolvedAt: reportMoment(incident.resolvedAt),
    closedAt: reportMoment(incident.closedAt),
    slas,
    allMet: slas.every((s) => s.met),
    timeline: input.events.map((e) => ({ at: reportMoment(e.at), type: e.type, event: INCIDENT_EVENT_LABELS[language][e.type], actor: who(e.actorUserId) })),
    actions: input.actions.map((a) => ({
      action: labels.action[a.action],
      target: a.target,
      status: a.status,
      requestedBy: who(a.requestedBy),
      requestedAt: reportMoment(a.requestedAt),
      decidedBy: who(a.decidedBy),
      decidedAt: reportMoment(a.decidedAt),
      ...actionHow(a),
    })),
    tasks: input.tasks.map((t) => ({
      title: t.title,
      owner: labels.party[t.ownerParty],
      dueAt: reportMoment(t.dueAt),
      done: t.status === 'done',
      notApplicable: t.status === 'not_applicable',
      note: t.note,
      completedAt: reportMoment(t.completedAt),
      completedBy: who(t.completedBy),
    })),
  };
}
