import { recomputeWaitingStates } from './recompute-states';

describe('recomputeWaitingStates', () => {
  it('opens a step once all its dependencies are done or waived, and only then', () => {
    const changes = recomputeWaitingStates([
      { key: 'a', state: 'done', dependsOn: [] },
      { key: 'b', state: 'waived', dependsOn: [] },
      { key: 'c', state: 'blocked', dependsOn: ['a', 'b'] },
      { key: 'd', state: 'blocked', dependsOn: ['a', 'e'] },
      { key: 'e', state: 'open', dependsOn: [] },
    ]);
    expect([...changes]).toEqual([['c', 'open']]);
  });

  it('blocks an open step again when a dependency is reopened, but leaves acted-on steps alone', () => {
    const changes = recomputeWaitingStates([
      { key: 'a', state: 'open', dependsOn: [] },
      { key: 'b', state: 'open', dependsOn: ['a'] },
      { key: 'c', state: 'done', dependsOn: ['a'] },
      { key: 'd', state: 'rejected', dependsOn: ['a'] },
    ]);
    expect([...changes]).toEqual([['b', 'blocked']]);
  });
});
