import { DomainException } from '@app/platform';
import type { StepView } from '@app/workflow';
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

type StepFacts = Pick<StepView, 'key' | 'title' | 'state' | 'type' | 'version' | 'proposal'>;

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
 * A refused step action as a translated message. The engine's messages are English and name
 * internal keys, so the page says the same thing from the error's code and the step as it is
 * now (`current`, loaded again after the refusal): someone else changed it since the page was
 * loaded, nothing has been proposed yet, or the state does not allow the action.
 */
export function stepErrorFlash(
  error: DomainException,
  action: StepAction,
  current: StepFacts | null,
  expectedVersion: number | undefined,
): Flash {
  const error_ = (key: string, params: Record<string, string | number> = {}): Flash => ({
    kind: 'error',
    key: `error.${key}`,
    params: { action, ...(current ? { step: current.title } : {}), ...params },
    ...(current ? { stepKey: current.key } : {}),
  });
  if (!current || error.code === 'NOT_FOUND') return error_('stepNotFound');
  switch (error.code) {
    case 'FORBIDDEN':
      return error_('forbidden');
    case 'CONFLICT':
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        return error_('changed');
      }
      // The configuration moved on after the proposal was taken (PlanSnapshots.assertCurrent).
      if (action === 'approve' && (error.details as { changes?: unknown } | undefined)?.changes) {
        return error_('proposalOutdated');
      }
      if (
        action === 'approve' &&
        current.type === 'approval' &&
        !current.proposal &&
        (current.state === 'open' || current.state === 'stale')
      ) {
        return error_('nothingProposed');
      }
      return error_('wrongState', { state: current.state });
    case 'BAD_REQUEST':
      return error_('notApplicable');
    case 'VALIDATION_FAILED':
      return error_('invalid');
    default:
      return error_('generic');
  }
}
