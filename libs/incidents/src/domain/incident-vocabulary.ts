import type { ResponseAction, Severity } from '@app/agreements';

/** An incident only moves forward; a resolved one may be reopened to triage. */
export const INCIDENT_STATUSES = ['new', 'triaged', 'contained', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const SLA_TIMERS = ['acknowledge', 'respond'] as const;
export type SlaTimer = (typeof SLA_TIMERS)[number];

/** A runbook task is done, or marked not applicable to this incident with a reason. */
export const TASK_STATUSES = ['open', 'done', 'not_applicable'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A response action's life, by the agreement's mode: `authorize` (authorised in advance) executes
 * at once; `collaborate` waits (`awaiting_customer`) until the customer approves (`executed`) or
 * declines (`declined`), and at the timeout the fallback `act` executes it (`executed_by_fallback`)
 * while `wait` keeps it waiting (its email link lapses; the portal can still decide); `notify`
 * only records the provider's recommendation (`recommended`), which is never executed.
 */
export const ACTION_STATUSES = [
  'executed',
  'awaiting_customer',
  'declined',
  'executed_by_fallback',
  'recommended',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const DECIDED_VIA = ['portal', 'link', 'fallback'] as const;
export type DecidedVia = (typeof DECIDED_VIA)[number];

export const INCIDENT_EVENT_TYPES = [
  'opened',
  'acknowledged',
  'responded',
  'status_changed',
  'sla_breached',
  'task_created',
  'task_completed',
  'action_executed',
  'action_recommended',
  'action_requested',
  'action_approved',
  'action_declined',
  'action_fallback_executed',
  'action_expired',
  'escalation_notified',
  'escalation_acknowledged',
  'escalation_timed_out',
  'escalation_exhausted',
  'task_not_applicable',
  'review_recorded',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

export type { ResponseAction, Severity };

/** An escalation contact's call: waiting for the acknowledgement, acknowledged, or passed over. */
export const ESCALATION_STATUSES = ['pending', 'acknowledged', 'timed_out', 'superseded'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
