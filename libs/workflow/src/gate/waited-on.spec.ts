import { STEP_STATES, StepState } from './step-state';
import { NewestProposal, waitedOn } from './waited-on';

const approver = { party: 'customer', role: 'customer_security_lead' } as const;
const proposer = { party: 'provider', role: 'provider_lead' } as const;
const step = (state: StepState, type: 'approval' | 'task' = 'approval') => ({
  ...approver,
  type,
  state,
});

describe('waitedOn', () => {
  // Who is waited on, per state, for each status of the newest proposal: [none, current, outdated].
  const expected: Record<StepState, [string, string, string]> = {
    blocked: ['customer', 'customer', 'customer'],
    open: ['provider', 'customer', 'provider'],
    stale: ['provider', 'customer', 'provider'],
    rejected: ['provider', 'provider', 'provider'],
    done: ['customer', 'customer', 'customer'],
    waived: ['customer', 'customer', 'customer'],
  };
  const statuses: NewestProposal[] = ['none', 'current', 'outdated'];

  for (const state of STEP_STATES) {
    statuses.forEach((status, i) => {
      it(`an approval with a proposer, ${state}, proposal ${status}: the ${expected[state][i]}`, () => {
        const party = expected[state][i];
        expect(waitedOn(step(state), proposer, status)).toEqual({
          party,
          role: party === 'provider' ? 'provider_lead' : 'customer_security_lead',
          proposing: party === 'provider',
        });
      });
    });
  }

  it('an approval of a fixed text (no proposer) always waits on its own party and role', () => {
    for (const state of STEP_STATES)
      for (const status of statuses)
        expect(waitedOn(step(state), null, status)).toEqual({ ...approver, proposing: false });
  });

  it('a step that is not an approval never waits on a proposer', () => {
    expect(waitedOn(step('rejected', 'task'), proposer, 'none')).toEqual({
      ...approver,
      proposing: false,
    });
  });
});
