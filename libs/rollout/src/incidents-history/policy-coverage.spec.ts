import type { PlanningData } from '../planning/planning-data';
import { policyCoverage } from './policy-coverage';

function data(
  endpoints: number,
  groups: { name: string; mode: 'detect' | 'block'; size: number }[],
): PlanningData {
  const all = Array.from({ length: endpoints }, (_, i) => ({ id: `e${i}` }));
  let next = 0;
  return {
    endpoints: all,
    groups: groups.map((g) => {
      const resolved = all.slice(next, next + g.size);
      next += g.size;
      return { group: { name: g.name }, policy: { mode: g.mode }, listed: new Set(), resolved };
    }),
    resolution: {},
  } as unknown as PlanningData;
}

describe('policyCoverage', () => {
  it.each([
    ['no endpoints, no groups', data(0, []), 'detect_only', 0],
    ['every group detects', data(4, [{ name: 'A', mode: 'detect', size: 4 }]), 'detect_only', 0],
    [
      'some endpoints block',
      data(4, [
        { name: 'Servers', mode: 'detect', size: 1 },
        { name: 'PCs', mode: 'block', size: 3 },
      ]),
      'partly',
      3,
    ],
    ['every endpoint blocks', data(3, [{ name: 'PCs', mode: 'block', size: 3 }]), 'everywhere', 3],
    [
      'an endpoint in no group keeps it partial',
      data(4, [{ name: 'PCs', mode: 'block', size: 3 }]),
      'partly',
      3,
    ],
  ])('%s → %s', (_name, input, blocking, inBlock) => {
    expect(policyCoverage(input)).toMatchObject({
      blocking,
      endpointsInBlockMode: inBlock,
      endpoints: input.endpoints.length,
    });
  });
});
