import type { Labels } from '@app/agreements/domain/labels';
import type { Language } from '@app/identity';
import { formatDay, formatMoment, Reader } from '@app/platform';
import { INCIDENT_EVENT_LABELS, INCIDENT_STATUS_LABELS } from '../domain/incident-labels';
import { SLA_TIMERS, SlaTimer } from '../domain/incident-vocabulary';
import {
  Incident,
  IncidentAction,
  IncidentEvent,
  IncidentReview,
  IncidentReviewItem,
  IncidentSlaBreach,
  IncidentTask,
} from '../entities';

/** A moment in the report's language and its reader's time zone, the zone named. */
function reportMoment(date: Date | null, reader: Reader): string {
  return date ? formatMoment(date, reader) : '—';
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
function slaLines(incident: Incident, breaches: IncidentSlaBreach[], reader: Reader): SlaLine[] {
  return SLA_TIMERS.map((timer) => {
    const dueAt = timer === 'acknowledge' ? incident.acknowledgeDueAt : incident.respondDueAt;
    const stoppedAt = timer === 'acknowledge' ? incident.acknowledgedAt : incident.respondedAt;
    const missed =
      breaches.some((b) => b.timer === timer) ||
      (stoppedAt !== null && stoppedAt.getTime() > dueAt.getTime());
    return {
      timer,
      acknowledge: timer === 'acknowledge',
      dueAt: reportMoment(dueAt, reader),
      stoppedAt: reportMoment(stoppedAt, reader),
      met: stoppedAt !== null && !missed,
      missed,
    };
  });
}

/** How an action came to be taken or not: flags the templates word in their language. */
function actionHow(a: IncidentAction): Record<string, boolean> {
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
  /** The time zone of the person the report is made for; its times are shown there, named. */
  timeZone: string;
  labels: Labels;
  customerName: string;
  events: IncidentEvent[];
  actions: IncidentAction[];
  tasks: IncidentTask[];
  breaches: IncidentSlaBreach[];
  names: Map<string, string>;
  /** The post-incident review, when one was recorded. */
  review: { review: IncidentReview; items: IncidentReviewItem[] } | null;
}

/**
 * Everything the closure-report template prints, already formatted and worded in the report's
 * language; a code stays beside its words only where markup needs it (the timeline's `type`,
 * printed as a `data-type` attribute, never as text).
 */
export function closureReportModel(input: ReportInputs): Record<string, unknown> {
  const { incident, language, labels, names } = input;
  const reader: Reader = { language, timeZone: input.timeZone };
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : null);
  const slas = slaLines(incident, input.breaches, reader);
  return {
    customerName: input.customerName,
    title: incident.title,
    host: incident.host,
    severity: labels.severity[incident.severity],
    status: INCIDENT_STATUS_LABELS[language][incident.status],
    startedAt: reportMoment(incident.startedAt, reader),
    resolvedAt: reportMoment(incident.resolvedAt, reader),
    closedAt: reportMoment(incident.closedAt, reader),
    slas,
    allMet: slas.every((s) => s.met),
    timeline: input.events.map((e) => ({
      at: reportMoment(e.at, reader),
      type: e.type,
      event: INCIDENT_EVENT_LABELS[language][e.type],
      actor: who(e.actorUserId),
    })),
    actions: input.actions.map((a) => ({
      action: labels.action[a.action],
      target: a.target,
      status: a.status,
      requestedBy: who(a.requestedBy),
      requestedAt: reportMoment(a.requestedAt, reader),
      decidedBy: who(a.decidedBy),
      decidedAt: reportMoment(a.decidedAt, reader),
      ...actionHow(a),
    })),
    review: input.review && {
      whatHappened: input.review.review.whatHappened,
      rootCause: input.review.review.rootCause,
      lessons: input.review.review.lessons,
      recordedBy: who(input.review.review.recordedBy),
      recordedAt: reportMoment(input.review.review.recordedAt, reader),
      // Due days are calendar days: written as the day they are, in the report's language.
      actionItems: input.review.items.map((item) => ({
        description: item.description,
        owner: who(item.ownerUserId),
        due: formatDay(item.dueDate, language),
      })),
    },
    tasks: input.tasks.map((t) => ({
      title: t.title,
      owner: labels.party[t.ownerParty],
      dueAt: reportMoment(t.dueAt, reader),
      done: t.status === 'done',
      notApplicable: t.status === 'not_applicable',
      note: t.note,
      completedAt: reportMoment(t.completedAt, reader),
      completedBy: who(t.completedBy),
    })),
  };
}
