import { isSettled, StepState } from './step-state';

export interface DependencyNode {
  key: string;
  state: StepState;
  dependsOn: string[];
}

/**
 * After any change, the steps waiting on dependencies: an open or blocked step is open exactly
 * when all its dependencies are done or waived. Steps that were acted on keep their state.
 * Returns only the steps whose state changes.
 */
export function recomputeWaitingStates(steps: DependencyNode[]): Map<string, StepState> {
  const states = new Map(steps.map((s) => [s.key, s.state]));
  const changes = new Map<string, StepState>();
  for (const step of steps) {
    if (step.state !== 'open' && step.state !== 'blocked') continue;
    const ready = step.dependsOn.every((key) => isSettled(states.get(key) ?? 'blocked'));
    const next: StepState = ready ? 'open' : 'blocked';
    if (next !== step.state) changes.set(step.key, next);
  }
  return changes;
}
