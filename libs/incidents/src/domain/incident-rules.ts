import type { NeverTouchAsset, RunbookStep, SeveritySla } from '@app/agreements';
import type { IncidentStatus, Severity } from './incident-vocabulary';
import { INCIDENT_STATUSES } from './incident-vocabulary';

const MINUTE_MS = 60_000;

/** Forward only (one or more steps), or a resolved incident reopened to triage. */
export function canMoveTo(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === 'resolved' && to === 'triaged') return true;
  return INCIDENT_STATUSES.indexOf(to) > INCIDENT_STATUSES.indexOf(from);
}

export interface SlaDeadlines {
  acknowledgeDueAt: Date;
  respondDueAt: Date;
}

/** The agreement's promise for the severity, counted from when the incident started. */
export function slaDeadlines(startedAt: Date, sla: SeveritySla): SlaDeadlines {
  return {
    acknowledgeDueAt: new Date(startedAt.getTime() + sla.acknowledgeMinutes * MINUTE_MS),
    respondDueAt: new Date(startedAt.getTime() + sla.respondMinutes * MINUTE_MS),
  };
}

/** Whether the action came after its deadline (a breach). */
export function isLate(at: Date, dueAt: Date): boolean {
  return at.getTime() > dueAt.getTime();
}

/** Incident-runbook steps for a severity: steps without a severity apply to every incident. */
export function stepsForSeverity(steps: readonly RunbookStep[], severity: Severity): RunbookStep[] {
  return steps.filter(
    (s) => s.schedule === undefined && (s.severity === undefined || s.severity === severity),
  );
}

const WITHIN_MINUTES: RegExp[] = [
  /within\s+(\d{1,4})\s*(minutes?|mins?|hours?|hrs?)\b/i,
  /(\d{1,4})\s*(分|時間)\s*以内/,
  /(\d{1,4})\s*(分钟|小时)\s*内/,
];
const ACKNOWLEDGE_WORDS = /acknowledge|受付|确认/i;

/**
 * When a runbook step is due, read from its free-text timing: "within N minutes/hours" (en, ja,
 * zh) counts from the start; a mention of acknowledging means the SLA acknowledge deadline;
 * anything else (business days, "as agreed") falls back to the SLA respond deadline.
 */
export function taskDueAt(timing: string, startedAt: Date, deadlines: SlaDeadlines): Date {
  for (const pattern of WITHIN_MINUTES) {
    const match = pattern.exec(timing);
    if (!match) continue;
    const hours = /^(hours?|hrs?|時間|小时)$/i.test(match[2]);
    return new Date(startedAt.getTime() + Number(match[1]) * (hours ? 60 : 1) * MINUTE_MS);
  }
  if (ACKNOWLEDGE_WORDS.test(timing)) return deadlines.acknowledgeDueAt;
  return deadlines.respondDueAt;
}

/**
 * The never-touch entry a target hits, matched by type and name case-insensitively (a target
 * named without a type is checked against hosts and groups alike).
 */
export function neverTouchHit(
  neverTouch: readonly NeverTouchAsset[],
  target: { type?: NeverTouchAsset['type']; name: string },
): NeverTouchAsset | null {
  const name = target.name.trim().toLowerCase();
  return (
    neverTouch.find(
      (a) =>
        a.name.trim().toLowerCase() === name &&
        (target.type === undefined || a.type === target.type),
    ) ?? null
  );
}
