import { SEVERITIES } from '@app/agreements';
import { canMoveTo, INCIDENT_STATUSES, IncidentStatus } from '@app/incidents';

const SEVERITIES_ORDER: readonly string[] = SEVERITIES;

/** Where an SLA timer stands: stopped in time, still running, or missed. */
export type SlaState = 'met' | 'running' | 'breached';

/**
 * A timer is met when it stopped by its deadline; breached when a breach was recorded, it
 * stopped late, or it is still running past its deadline; otherwise running.
 */
export function slaState(
  dueAt: Date,
  stoppedAt: Date | null,
  breachRecorded: boolean,
  now: Date,
): SlaState {
  if (breachRecorded) return 'breached';
  if (stoppedAt) return stoppedAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
  return now.getTime() > dueAt.getTime() ? 'breached' : 'running';
}

export function isOpenStatus(status: IncidentStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

export interface QueueEntry {
  status: IncidentStatus;
  severity: string;
  startedAt: Date;
}

/** The queue: open incidents first, then by severity (critical first), newest first. */
export function queueOrder(a: QueueEntry, b: QueueEntry): number {
  const open = Number(isOpenStatus(b.status)) - Number(isOpenStatus(a.status));
  if (open !== 0) return open;
  const severity = SEVERITIES_ORDER.indexOf(a.severity) - SEVERITIES_ORDER.indexOf(b.severity);
  if (severity !== 0) return severity;
  return b.startedAt.getTime() - a.startedAt.getTime();
}

/** The statuses the status form offers from the current one. */
export function nextStatuses(from: IncidentStatus): IncidentStatus[] {
  return INCIDENT_STATUSES.filter((to) => to !== from && canMoveTo(from, to));
}

const DONE = [
  'opened',
  'acknowledged',
  'responded',
  'status',
  'task',
  'taskNotApplicable',
  'requested',
  'approved',
  'declined',
  'escalation',
  'review',
] as const;
export type IncidentDone = (typeof DONE)[number];

/** The notice after a form's 303 redirect (`?done=<what>`) as a catalog key; unknown shows nothing. */
export function incidentDoneKey(query: Record<string, unknown>): string | null {
  const done = typeof query.done === 'string' ? query.done : '';
  return (DONE as readonly string[]).includes(done) ? `incidentPages.done.${done}` : null;
}

export function incidentsPath(
  engagementId: string,
  incidentId?: string,
  done?: IncidentDone,
): string {
  const base = `/engagements/${engagementId}/incidents${incidentId ? `/${incidentId}` : ''}`;
  return done ? `${base}?done=${done}` : base;
}

/** The value when it is one of `all` (a form's or a filter's choice), otherwise undefined. */
export const within = <T extends string>(
  all: readonly T[],
  value: string | undefined,
): T | undefined => ((all as readonly string[]).includes(value ?? '') ? (value as T) : undefined);
