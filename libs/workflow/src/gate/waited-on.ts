import type { StepState } from './step-state';
import type { Party, StepType } from '../templates/template.types';

/** The newest proposal of a step: none yet, one that can be decided, or one made out of date. */
export type NewestProposal = 'none' | 'current' | 'outdated';

export interface WaitedOn {
  party: Party;
  role: string;
  /** True when the proposer is waited on (for a first or revised proposal), not the step's actor. */
  proposing: boolean;
}

/**
 * Who a step waits on: its own party and role, except an approval with a proposer that is
 * rejected, or open/stale with nothing proposed yet or its newest proposal outdated: then the
 * approver has nothing to decide and the proposer's (new) proposal is awaited. The one rule the
 * gate, the overview's progress and the portal's "waiting on you" share.
 */
export function waitedOn(
  step: { type: StepType; party: Party; role: string; state: StepState },
  /** The template's proposer; none for a step decided through another feature (its documents). */
  proposer: { party: Party; role: string } | null | undefined,
  proposal: NewestProposal,
): WaitedOn {
  if (step.type === 'approval' && proposer) {
    const live = step.state === 'open' || step.state === 'stale';
    if (step.state === 'rejected' || (live && proposal !== 'current'))
      return { party: proposer.party, role: proposer.role, proposing: true };
  }
  return { party: step.party, role: step.role, proposing: false };
}
