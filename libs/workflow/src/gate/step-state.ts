/** blocked (dependencies not done) → open → done, or rejected, waived, stale (content changed). */
export const STEP_STATES = ['blocked', 'open', 'done', 'rejected', 'waived', 'stale'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** States that satisfy a dependency and the gate. */
export function isSettled(state: StepState): boolean {
  return state === 'done' || state === 'waived';
}
