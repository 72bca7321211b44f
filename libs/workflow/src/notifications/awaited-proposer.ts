import type { EntityManager } from 'typeorm';
import type { OnboardingStep } from '../entities/onboarding-step.entity';
import type { StepSubmission } from '../entities/step-submission.entity';
import { waitedOn } from '../gate/waited-on';
import { latestSubmission } from '../services/approval-content';
import type { Party } from '../templates/template.types';

export interface AwaitedProposer {
  party: Party;
  role: string;
  /** The newest proposal, made out of date by a change. */
  newest: StepSubmission;
}

/**
 * The step's proposer when a stale approval waits on them rather than its approver (the change
 * outdated the newest proposal, so approving it would be refused with APPROVAL_STALE); null when
 * the approver can act. Decided by `waitedOn`, the rule the gate and the portal use.
 */
export async function awaitedProposer(
  manager: EntityManager,
  step: OnboardingStep,
  /** The template's proposer; none for a step decided through another feature (its documents). */
  proposer: { party: Party; role: string } | null | undefined,
): Promise<AwaitedProposer | null> {
  if (step.state !== 'stale' || step.type !== 'approval' || !proposer) return null;
  const newest = await latestSubmission(manager, step.onboardingId, step.key);
  // An approval with a proposer is approved only on a proposal, so a stale one without any was
  // decided in its documents (an agreement), which `waitedOn`'s callers give no proposer: asking
  // the feature registry would not do here, since the worker does not load those features.
  if (newest === null) return null;
  const waited = waitedOn(step, proposer, newest.outdatedAt !== null ? 'outdated' : 'current');
  return waited.proposing ? { party: waited.party, role: waited.role, newest } : null;
}
