import fc from 'fast-check';
import { evaluateGate, GateStep } from './evaluate-gate';
import { isSettled, STEP_STATES, StepState } from './step-state';

const now = new Date('2026-11-26T00:00:00Z');

const stepArb = (key: string): fc.Arbitrary<GateStep> =>
  fc.record({
    key: fc.constant(key),
    title: fc.constant(`Step ${key}`),
    type: fc.constantFrom(
      'approval',
      'signature',
      'email_confirmation',
      'task',
      'automatic_check' as const,
    ),
    party: fc.constantFrom('customer', 'provider' as const),
    role: fc.constantFrom('customer_security_lead', 'provider_lead'),
    state: fc.constantFrom(...STEP_STATES),
    requiredForStart: fc.boolean(),
    dueAt: fc.option(
      fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
      { nil: null },
    ),
    dependsOn: fc.constant([] as string[]),
    assignees: fc.constant([]),
    reason: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  });

const stepsArb = fc
  .integer({ min: 0, max: 30 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => stepArb(`s${i}`))))
  .chain((steps) =>
    // Random dependencies on earlier steps only, like a valid template.
    fc
      .tuple(...steps.map((_, i) => fc.subarray(steps.slice(0, i).map((s) => s.key))))
      .map((deps) => steps.map((s, i) => ({ ...s, dependsOn: deps[i] }))),
  );

describe('evaluateGate (property-based)', () => {
  it('is ready exactly when every gate-required step is done or waived', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const verdict = evaluateGate(steps, now);
        const expected = steps.every((s) => !s.requiredForStart || isSettled(s.state));
        return verdict.ready === expected && verdict.ready === (verdict.blockers.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it('lists exactly the unsettled required steps as blockers, each once, with overdue from its due date', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const verdict = evaluateGate(steps, now);
        const expected = steps
          .filter((s) => s.requiredForStart && !isSettled(s.state))
          .map((s) => s.key)
          .sort();
        const got = verdict.blockers.map((b) => b.stepKey).sort();
        if (JSON.stringify(expected) !== JSON.stringify(got)) return false;
        return verdict.blockers.every((b) => {
          const step = steps.find((s) => s.key === b.stepKey) as GateStep;
          return (
            b.overdue === (step.dueAt !== null && step.dueAt < now) &&
            b.waitingOn.party === step.party &&
            b.reason.length > 0
          );
        });
      }),
      { numRuns: 500 },
    );
  });

  it('never lets an optional step block the start', () => {
    fc.assert(
      fc.property(
        stepsArb,
        fc.constantFrom<StepState>('blocked', 'open', 'rejected', 'stale'),
        (steps, state) => {
          const settledRequired = steps.map((s) =>
            s.requiredForStart ? { ...s, state: 'done' as const } : { ...s, state },
          );
          return evaluateGate(settledRequired, now).ready;
        },
      ),
    );
  });
});

describe('evaluateGate reasons', () => {
  const base: GateStep = {
    key: 'b',
    title: 'B',
    type: 'approval',
    party: 'customer',
    role: 'customer_security_lead',
    state: 'blocked',
    requiredForStart: true,
    dueAt: new Date('2026-11-01T00:00:00Z'),
    dependsOn: ['a'],
    assignees: [],
    reason: null,
  };
  it('says what a blocked step waits for and marks it overdue', () => {
    const a: GateStep = { ...base, key: 'a', state: 'open', dependsOn: [], dueAt: null };
    const verdict = evaluateGate([a, base], now);
    expect(verdict.ready).toBe(false);
    const blocker = verdict.blockers.find((b) => b.stepKey === 'b');
    expect(blocker).toMatchObject({
      reason: 'blocked until a is done',
      overdue: true,
      waitingOn: { party: 'customer' },
    });
    expect(verdict.blockers.find((b) => b.stepKey === 'a')?.reason).toBe('approval open');
  });
  it('gives the rejection reason', () => {
    const verdict = evaluateGate(
      [{ ...base, state: 'rejected', dependsOn: [], reason: 'wrong scope' }],
      now,
    );
    expect(verdict.blockers[0].reason).toBe('rejected: wrong scope; waiting for a revision');
  });
});
