import { DomainException } from '@app/platform';
import type { StepView } from '@app/workflow';
import { refusalFlash, refusalOf } from '../errors/refusal';
import type { Flash } from '../session/flash';

/** What the onboarding page's step forms may ask for; the same names as StepView.actions. */
export const STEP_ACTIONS = [
  'approve',
  'complete',
  'reject',
  'waive',
  'reopen',
  'propose',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export function isStepAction(value: unknown): value is StepAction {
  return typeof value === 'string' && (STEP_ACTIONS as readonly string[]).includes(value);
}

/** Reject, waive and reopen need a reason of this many characters (the API's rule). */
export const MIN_REASON_LENGTH = 3;
export const MAX_REASON_LENGTH = 2000;

export function needsReason(action: StepAction): boolean {
  return action === 'reject' || action === 'waive' || action === 'reopen';
}

export function stepSuccessFlash(
  action: StepAction,
  step: Pick<StepView, 'key' | 'title'>,
  proposalVersion?: number,
): Flash {
  return {
    kind: 'success',
    key: `step.${action}`,
    params: { step: step.title, ...(proposalVersion ? { version: proposalVersion } : {}) },
    stepKey: step.key,
  };
}

/**
 * A refused step action as a translated message, read from the error's code alone: the engine
 * says whether the step changed since the page was loaded (STEP_CHANGED), what it is waiting for
 * (NOTHING_PROPOSED, APPROVAL_STALE) or which state refuses the action (STEP_WRONG_STATE with
 * `details.state`). `step` is the step as loaded before the action, for its title and anchor.
 */
export function stepErrorFlash(
  error: DomainException,
  action: StepAction,
  step: Pick<StepView, 'key' | 'title'>,
): Flash {
  const flash = (key: string, params: Record<string, string | number> = {}): Flash => ({
    kind: 'error',
    key: `error.${key}`,
    params: { action, step: step.title, ...params },
    stepKey: step.key,
  });
  switch (error.code) {
    case 'NOT_FOUND':
      return flash('stepNotFound');
    case 'FORBIDDEN':
      return flash('forbidden');
    case 'STEP_CHANGED':
      return flash('changed');
    case 'APPROVAL_STALE':
      return flash('proposalOutdated');
    case 'NOTHING_PROPOSED':
      return flash('nothingProposed');
    case 'STEP_WRONG_STATE': {
      const state = (error.details as { state?: unknown } | undefined)?.state;
      return typeof state === 'string'
        ? flash('wrongState', { state })
        : refusalFlash(error, step.key);
    }
    case 'STEP_ACTION_NOT_APPLICABLE':
      return flash('notApplicable');
    case 'VALIDATION_FAILED':
      return flash('invalid');
    default:
      return refusalOf(error) ? refusalFlash(error, step.key) : flash('generic');
  }
}
