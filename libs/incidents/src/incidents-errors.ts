import { DomainException } from '@app/platform';

/** Why incidents, response actions, escalations and runbook tasks refuse. */
export const INCIDENTS_ERROR_CODES = [
  /** Incidents are run only after the start of service. */
  'INCIDENTS_BEFORE_SERVICE_START',
  'NO_APPROVED_AGREEMENT',
  /** The incident is resolved or closed: no more actions or escalations. */
  'INCIDENT_NOT_ACTIVE',
  /** The incident's status does not allow this move. */
  'INCIDENT_TRANSITION_NOT_ALLOWED',
  /** It cannot close while runbook tasks are open; details: `{ openTasks }`. */
  'INCIDENT_TASKS_OPEN',
  /** The acknowledge or response timer stopped already. */
  'TIMER_ALREADY_STOPPED',
  /** The closure report exists once the incident is resolved or closed. */
  'INCIDENT_NOT_RESOLVED',
  /** The target is a never-touch asset in the agreement. */
  'NEVER_TOUCH_TARGET',
  /** A response action that was already approved, declined or timed out. */
  'ACTION_ALREADY_DECIDED',
  'ESCALATION_ALREADY_ANSWERED',
  /** A runbook or peacetime task that is already done or not applicable. */
  'TASK_ALREADY_CLOSED',
  /** The incident is closed: its post-incident review is final. */
  'INCIDENT_REVIEW_CLOSED',
] as const;

export type IncidentsErrorCode = (typeof INCIDENTS_ERROR_CODES)[number];

export class IncidentsError extends DomainException<IncidentsErrorCode> {}
