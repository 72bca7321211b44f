import { StepState } from '../gate/step-state';
import { Phase } from '../templates/template.types';
import { advancePhase, derivePhase, PhaseStep } from './derive-phase';

const step = (phase: Phase, state: StepState, requiredForStart = true): PhaseStep => ({
  phase,
  state,
  requiredForStart,
});

describe('the phase of an onboarding', () => {
  const introductionDone = [
    step('introduction', 'done'),
    step('introduction', 'waived'),
    step('pre_production', 'open'),
    step('production', 'open'),
  ];

  it('is the first phase whose required steps are not all settled', () => {
    expect(derivePhase([step('introduction', 'open'), step('pre_production', 'open')])).toBe(
      'introduction',
    );
    expect(derivePhase(introductionDone)).toBe('pre_production');
    expect(
      derivePhase([
        step('introduction', 'done'),
        step('introduction', 'open', false),
        step('pre_production', 'done'),
      ]),
    ).toBe('production');
  });

  it('moves forward when a phase is complete', () => {
    expect(advancePhase('introduction', introductionDone)).toBe('pre_production');
  });

  it('stays in the phase it reached when an earlier approval goes stale', () => {
    const stale = [step('introduction', 'stale'), ...introductionDone.slice(1)];
    expect(derivePhase(stale)).toBe('introduction');
    expect(advancePhase('pre_production', stale)).toBe('pre_production');
  });
});
