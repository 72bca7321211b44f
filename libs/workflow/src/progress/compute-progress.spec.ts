import { computeProgress, ProgressStep } from './compute-progress';

const day = (n: number): Date => new Date(Date.UTC(2027, 0, n));

function step(key: string, overrides: Partial<ProgressStep> = {}): ProgressStep {
  return {
    key,
    type: 'task',
    party: 'customer',
    role: 'customer_security_lead',
    state: 'open',
    requiredForStart: true,
    dueAt: day(10),
    position: 0,
    ...overrides,
  };
}

describe('computeProgress', () => {
  it('counts required steps, settled ones, and who is waited on', () => {
    const figures = computeProgress([
      step('a', { state: 'done' }),
      step('b', { state: 'waived', party: 'provider' }),
      step('c', { state: 'open', party: 'provider', dueAt: day(5) }),
      step('d', { state: 'stale', dueAt: day(7) }),
      step('e', { state: 'rejected', dueAt: day(6) }),
      step('f', { state: 'blocked' }),
      step('g', { state: 'open', requiredForStart: false, dueAt: day(1) }),
    ]);
    expect(figures).toMatchObject({
      stepsTotal: 7,
      requiredTotal: 6,
      requiredDone: 2,
      percentDone: 33,
      waitingOnCustomer: 2,
      waitingOnProvider: 1,
      nextDueAt: day(5),
    });
    expect(figures.blockers.map((b) => b.key)).toEqual(['c', 'e', 'd']);
  });

  it('keeps at most five blockers, earliest due first, ties by template position', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      step(`s${i}`, { dueAt: day(20 - (i % 3)), position: i }),
    );
    expect(computeProgress(many).blockers.map((b) => b.key)).toEqual([
      's2',
      's5',
      's1',
      's4',
      's7',
    ]);
  });

  it('is complete with nothing waiting once every required step is settled', () => {
    const figures = computeProgress([
      step('a', { state: 'done' }),
      step('b', { state: 'open', requiredForStart: false }),
    ]);
    expect(figures).toMatchObject({
      percentDone: 100,
      nextDueAt: null,
      blockers: [],
      waitingOnCustomer: 0,
    });
  });

  it('counts an approval awaiting a (new) proposal as waiting on its proposer', () => {
    const approval = (key: string, overrides: Partial<ProgressStep>) =>
      step(key, {
        type: 'approval',
        proposer: { party: 'provider', role: 'provider_lead' },
        ...overrides,
      });
    const figures = computeProgress([
      approval('stale-outdated', { state: 'stale', proposal: 'outdated', dueAt: day(1) }),
      approval('rejected', { state: 'rejected', proposal: 'current', dueAt: day(2) }),
      approval('open-none', { state: 'open', proposal: 'none', dueAt: day(3) }),
      approval('open-current', { state: 'open', proposal: 'current', dueAt: day(4) }),
      approval('stale-current', { state: 'stale', proposal: 'current', dueAt: day(5) }),
    ]);
    expect(figures).toMatchObject({ waitingOnCustomer: 2, waitingOnProvider: 3 });
    expect(figures.blockers.map((b) => [b.key, b.party, b.role])).toEqual([
      ['stale-outdated', 'provider', 'provider_lead'],
      ['rejected', 'provider', 'provider_lead'],
      ['open-none', 'provider', 'provider_lead'],
      ['open-current', 'customer', 'customer_security_lead'],
      ['stale-current', 'customer', 'customer_security_lead'],
    ]);
  });
});
