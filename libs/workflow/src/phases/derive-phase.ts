import { isSettled, StepState } from '../gate/step-state';
import { Phase, PHASES } from '../templates/template.types';

export interface PhaseStep {
  phase: Phase;
  state: StepState;
  requiredForStart: boolean;
}

export interface PhaseStatus {
  phase: Phase;
  /** Exit criteria: every gate-required step of the phase is done or waived. */
  exitCriteriaMet: boolean;
  required: number;
  settled: number;
  total: number;
}

/** Each phase's exit criteria, evaluated like the gate but per phase. */
export function phaseStatuses(steps: readonly PhaseStep[]): PhaseStatus[] {
  return PHASES.map((phase) => {
    const inPhase = steps.filter((s) => s.phase === phase);
    const required = inPhase.filter((s) => s.requiredForStart);
    const settled = required.filter((s) => isSettled(s.state)).length;
    return {
      phase,
      exitCriteriaMet: settled === required.length,
      required: required.length,
      settled,
      total: inPhase.length,
    };
  });
}

/** The first phase whose exit criteria are unmet; production once all are met. */
export function derivePhase(steps: readonly PhaseStep[]): Phase {
  return phaseStatuses(steps).find((status) => !status.exitCriteriaMet)?.phase ?? 'production';
}

/**
 * The phase after a change. Phases are milestones: an onboarding that has entered a phase stays
 * in it when an earlier phase's approval goes stale (a policy changed during the deployment is
 * approved again, the project does not go back). The earlier phase then shows its exit criteria
 * as unmet again ("reopened"), and the service-start gate refuses until it is approved.
 */
export function advancePhase(current: Phase, steps: readonly PhaseStep[]): Phase {
  const derived = derivePhase(steps);
  return PHASES.indexOf(derived) > PHASES.indexOf(current) ? derived : current;
}
