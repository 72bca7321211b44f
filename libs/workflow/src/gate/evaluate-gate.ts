import type { Party, StepType } from '../templates/template.types';
import { isSettled, StepState } from './step-state';

export interface GateUser {
  id: string;
  displayName: string;
  email: string;
}

export interface GateStep {
  key: string;
  title: string;
  type: StepType;
  party: Party;
  role: string;
  state: StepState;
  requiredForStart: boolean;
  dueAt: Date | null;
  dependsOn: string[];
  assignees: GateUser[];
  /** Why it was rejected, or what made it stale. */
  reason: string | null;
  /** For an automatic check: why it fails now; each reason is a blocker of its own. */
  checkFailures?: string[];
}

export interface GateBlocker {
  stepKey: string;
  title: string;
  type: StepType;
  state: StepState;
  waitingOn: { party: Party; role: string; users: GateUser[] };
  dueAt: string | null;
  overdue: boolean;
  reason: string;
  /** True when `reason` is why an automatic check fails (worded by the feature behind it). */
  failedCheck: boolean;
}

export interface GateVerdict {
  ready: boolean;
  blockers: GateBlocker[];
}

function reasonFor(step: GateStep, byKey: Map<string, GateStep>): string {
  switch (step.state) {
    case 'blocked': {
      const waiting = step.dependsOn.filter(
        (key) => !isSettled(byKey.get(key)?.state ?? 'blocked'),
      );
      return `blocked until ${waiting.join(', ')} ${waiting.length === 1 ? 'is' : 'are'} done`;
    }
    case 'rejected':
      return `rejected${step.reason ? `: ${step.reason}` : ''}; waiting for a revision`;
    case 'stale':
      return `approved content changed${step.reason ? ` (${step.reason})` : ''}; needs a new ${step.type}`;
    default:
      return `${step.type.replace('_', ' ')} open`;
  }
}

/** What String#localeCompare uses, made once: the same order without a collator per comparison. */
const COLLATOR = new Intl.Collator();

/**
 * The service-start gate as a pure function of the steps: ready exactly when every step the gate
 * requires is done or waived; otherwise each such step is a blocker saying who is waited on.
 */
export function evaluateGate(steps: GateStep[], now: Date): GateVerdict {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const blockers = steps
    .filter((step) => step.requiredForStart && !isSettled(step.state))
    .flatMap((step) => {
      const failedCheck = (step.checkFailures?.length ?? 0) > 0;
      const reasons = failedCheck ? (step.checkFailures as string[]) : [reasonFor(step, byKey)];
      return reasons.map((reason) => ({
        stepKey: step.key,
        title: step.title,
        type: step.type,
        state: step.state,
        waitingOn: { party: step.party, role: step.role, users: step.assignees },
        dueAt: step.dueAt ? step.dueAt.toISOString() : null,
        overdue: step.dueAt !== null && step.dueAt.getTime() < now.getTime(),
        reason,
        failedCheck,
      }));
    })
    .sort(
      (a, b) =>
        COLLATOR.compare(a.dueAt ?? '9999', b.dueAt ?? '9999') ||
        COLLATOR.compare(a.stepKey, b.stepKey),
    );
  // (Array.prototype.sort is stable, so a check's reasons keep their order.)
  return { ready: blockers.length === 0, blockers };
}
