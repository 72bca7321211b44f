import { isSettled, StepState } from '../gate/step-state';
import { NewestProposal, waitedOn } from '../gate/waited-on';
import type { Party, StepType } from '../templates/template.types';
import type { ProgressBlocker } from './onboarding-progress.entity';

/** What the progress figures are computed from: one onboarding's steps. */
export interface ProgressStep {
  key: string;
  type: StepType;
  party: Party;
  role: string;
  /** An approval's proposer (from its template) and the status of its newest proposal. */
  proposer?: { party: Party; role: string } | null;
  proposal?: NewestProposal;
  state: StepState;
  requiredForStart: boolean;
  dueAt: Date;
  position: number;
}

export interface ProgressFigures {
  stepsTotal: number;
  requiredTotal: number;
  requiredDone: number;
  percentDone: number;
  waitingOnCustomer: number;
  waitingOnProvider: number;
  nextDueAt: Date | null;
  blockers: ProgressBlocker[];
}

/** States in which a step waits on a person (the same set the overdue filters use). */
export const WAITING_STATES: readonly StepState[] = ['open', 'stale', 'rejected'];

export const MAX_BLOCKERS = 5;

/**
 * The overview's figures for one onboarding; pure, so the keeper and its checks agree. The phase
 * is the onboarding's own (a milestone, see advancePhase), not recomputed here.
 */
export function computeProgress(steps: readonly ProgressStep[]): ProgressFigures {
  const required = steps.filter((s) => s.requiredForStart);
  const requiredDone = required.filter((s) => isSettled(s.state)).length;
  // Counted and named by who is waited on: the step's party, or its proposer's (see waitedOn).
  const waiting = required
    .filter((s) => WAITING_STATES.includes(s.state))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.position - b.position)
    .map((s) => ({ ...s, ...waitedOn(s, s.proposer, s.proposal ?? 'none') }));
  return {
    stepsTotal: steps.length,
    requiredTotal: required.length,
    requiredDone,
    percentDone: required.length === 0 ? 100 : Math.floor((requiredDone * 100) / required.length),
    waitingOnCustomer: waiting.filter((s) => s.party === 'customer').length,
    waitingOnProvider: waiting.filter((s) => s.party === 'provider').length,
    nextDueAt: waiting[0]?.dueAt ?? null,
    blockers: waiting.slice(0, MAX_BLOCKERS).map((s) => ({
      key: s.key,
      party: s.party,
      role: s.role,
      state: s.state,
      dueAt: s.dueAt.toISOString(),
    })),
  };
}
