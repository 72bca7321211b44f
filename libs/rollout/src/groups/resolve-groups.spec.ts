import { readGroupRule, ruleMatches } from './group-rule';
import { ResolvableEndpoint, ResolvableGroup, resolveGroups } from './resolve-groups';

const ep = (id: string, over: Partial<ResolvableEndpoint> = {}): ResolvableEndpoint => ({
  id,
  hostname: id,
  type: 'client',
  site: 'Tokyo',
  country: 'JP',
  osFamily: 'windows',
  tags: [],
  ...over,
});
const ruled = (id: string, priority: number, rule: object): ResolvableGroup => ({
  id,
  priority,
  rule,
  members: new Set(),
});
const listed = (id: string, priority: number, members: string[]): ResolvableGroup => ({
  id,
  priority,
  rule: null,
  members: new Set(members),
});

describe('ruleMatches', () => {
  it.each([
    [{}, {}, true],
    [{ type: ['server'] }, {}, false],
    [{ type: ['server', 'client'] }, {}, true],
    [{ site: ['tokyo'] }, {}, true],
    [{ site: ['Osaka'] }, {}, false],
    [{ country: ['CN'] }, {}, false],
    [{ country: ['JP'], osFamily: ['linux'] }, {}, false],
    [{ country: ['JP'], osFamily: ['linux'] }, { osFamily: 'linux' }, true],
    [{ tags: ['erp', 'core'] }, { tags: ['erp'] }, false],
    [{ tags: ['erp', 'core'] }, { tags: ['core', 'erp', 'x'] }, true],
  ] as const)('rule %j on endpoint %j → %s', (rule, over, expected) => {
    expect(ruleMatches(rule as never, ep('e', over as Partial<ResolvableEndpoint>))).toBe(expected);
  });
});

describe('readGroupRule', () => {
  it.each([
    [{ type: ['server'], tags: ['erp'] }, null],
    [{}, null],
    [[], 'rule: must be an object'],
    ['server', 'rule: must be an object'],
    [
      { kind: ['x'] },
      'rule.kind: is not a rule criterion (use type, site, country, osFamily, tags)',
    ],
    [{ type: 'server' }, 'rule.type: must be a list of 1 to 200 values'],
    [{ type: [] }, 'rule.type: must be a list of 1 to 200 values'],
    [{ type: ['desktop'] }, 'rule.type[0]: must be one of client, server'],
    [{ osFamily: ['windows', 'bsd'] }, 'rule.osFamily[1]: must be one of windows, linux, macos'],
    [{ country: ['jp'] }, 'rule.country[0]: must be an upper-case ISO 3166-1 alpha-2 code'],
    [{ site: [3] }, 'rule.site[0]: must be a string'],
    [{ tags: [' '] }, 'rule.tags[0]: must be 1 to 100 characters'],
  ])('%j → %s', (input, error) => {
    const read = readGroupRule(input);
    if (error === null) expect(read).toEqual({ rule: input });
    else
      expect('errors' in read ? read.errors.map((e) => `${e.field}: ${e.reason}`) : []).toEqual([
        error,
      ]);
  });
});

describe('resolveGroups', () => {
  const servers = ruled('servers', 10, { type: ['server'] });
  const tokyo = ruled('tokyo', 20, { site: ['Tokyo'] });
  const catchAll = ruled('rest', 99, {});
  const pilot = listed('pilot', 5, ['a', 'b']);
  const other = listed('other', 6, ['b']);

  it.each([
    [
      'first matching rule by priority wins',
      [ep('s', { type: 'server' })],
      [tokyo, servers],
      { s: 'servers' },
      [],
      [],
    ],
    ['priority, not list order', [ep('c')], [catchAll, tokyo], { c: 'tokyo' }, [], []],
    ['no matching rule → no group', [ep('o', { site: 'Osaka' })], [servers, tokyo], {}, ['o'], []],
    [
      'explicit list beats rules',
      [ep('a', { type: 'server' })],
      [servers, pilot],
      { a: 'pilot' },
      [],
      [],
    ],
    [
      'in two explicit lists → several',
      [ep('b')],
      [pilot, other, catchAll],
      {},
      [],
      [['b', ['pilot', 'other']]],
    ],
    ['no groups at all', [ep('x')], [], {}, ['x'], []],
    ['no endpoints', [], [servers], {}, [], []],
  ] as const)('%s', (_name, endpoints, groups, groupOf, unassigned, several) => {
    const r = resolveGroups([...endpoints], [...groups]);
    expect(Object.fromEntries(r.groupOf)).toEqual(groupOf);
    expect(r.unassigned.map((e) => e.id)).toEqual(unassigned);
    expect(r.inSeveral.map((s) => [s.endpoint.id, s.groupIds])).toEqual(several);
  });
});
