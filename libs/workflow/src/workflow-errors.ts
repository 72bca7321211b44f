import { DomainException } from '@app/platform';

/** Why the workflow engine refuses a step action, an onboarding or the service start. */
export const WORKFLOW_ERROR_CODES = [
  /** The step moved on since the caller loaded it (`expectedVersion`, or a concurrent write). */
  'STEP_CHANGED',
  /** The onboarding was changed concurrently (its phase). */
  'ONBOARDING_CHANGED',
  /** The step's state does not allow the action; details: `{ state, allowed }`. */
  'STEP_WRONG_STATE',
  /** The action does not apply to this kind of step (complete an approval, propose a fixed text…). */
  'STEP_ACTION_NOT_APPLICABLE',
  /** The step is decided through another object (a document, a signature, a confirmation). */
  'STEP_DECIDED_ELSEWHERE',
  /** A measured precondition does not hold yet; details: `{ reasons }`. */
  'STEP_NOT_READY',
  /** An automatic check completes itself; details: `{ automatic, reasons }`. */
  'STEP_IS_AUTOMATIC',
  /** Approving an approval nobody has proposed yet. */
  'NOTHING_PROPOSED',
  /** A configuration cannot be proposed yet; details: `{ reasons }`. */
  'PROPOSAL_NOT_READY',
  /** The configuration changed after the proposal was taken; details: `{ changes }`. */
  'APPROVAL_STALE',
  /** The service-start gate has blockers; details: the gate's verdict. */
  'GATE_NOT_READY',
  /** The engagement already has an onboarding in progress; details: `{ onboardingId }`. */
  'ONBOARDING_IN_PROGRESS',
  /** The service started already: a new onboarding must be asked for as a re-onboarding. */
  'REONBOARDING_REQUIRED',
  /** A re-onboarding was asked for, but the service has not started. */
  'SERVICE_NOT_STARTED',
] as const;

export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

export class WorkflowError extends DomainException<WorkflowErrorCode> {}
