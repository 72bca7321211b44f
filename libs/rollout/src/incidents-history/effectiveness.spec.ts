import {
  BlockRule,
  evaluateEffectiveness,
  IncidentVerdict,
  ObservedIndicator,
  blockRuleMatches,
} from './effectiveness';

const NOW = new Date('2026-03-01T00:00:00Z');
const H = 'ab'.repeat(32);

function rule(type: BlockRule['type'], value: string, expiresAt: Date | null = null): BlockRule {
  return { id: `${type}:${value}`, type, value, expiresAt };
}

describe('blockRuleMatches', () => {
  it.each<[string, BlockRule, ObservedIndicator, boolean]>([
    ['same hash', rule('sha256', H), { type: 'sha256', value: H }, true],
    ['other hash', rule('sha256', H), { type: 'sha256', value: 'cd'.repeat(32) }, false],
    [
      'hash of another type never matches',
      rule('md5', 'a'.repeat(32)),
      { type: 'sha1', value: 'a'.repeat(32) },
      false,
    ],
    [
      'same domain',
      rule('domain', 'evil.example'),
      { type: 'domain', value: 'evil.example' },
      true,
    ],
    [
      'subdomain',
      rule('domain', 'evil.example'),
      { type: 'domain', value: 'cdn.eu.evil.example' },
      true,
    ],
    [
      'parent of the entry',
      rule('domain', 'cdn.evil.example'),
      { type: 'domain', value: 'evil.example' },
      false,
    ],
    [
      'suffix that is not a label',
      rule('domain', 'evil.example'),
      { type: 'domain', value: 'notevil.example' },
      false,
    ],
    [
      'windows path, other case',
      rule('file_path', 'C:\\Users\\Public\\x.exe'),
      { type: 'file_path', value: 'c:\\users\\public\\X.EXE' },
      true,
    ],
    [
      'unc path, other case',
      rule('file_path', '\\\\srv\\share\\a.js'),
      { type: 'file_path', value: '\\\\SRV\\Share\\A.js' },
      true,
    ],
    [
      'posix path, other case',
      rule('file_path', '/tmp/miner'),
      { type: 'file_path', value: '/tmp/Miner' },
      false,
    ],
    [
      'posix path, same',
      rule('file_path', '/tmp/miner'),
      { type: 'file_path', value: '/tmp/miner' },
      true,
    ],
    ['same ip', rule('ip', '203.0.113.7'), { type: 'ip', value: '203.0.113.7' }, true],
    [
      'domain entry vs ip indicator',
      rule('domain', 'evil.example'),
      { type: 'ip', value: '203.0.113.7' },
      false,
    ],
  ])('%s', (_name, r, indicator, expected) => {
    expect(blockRuleMatches(r, indicator)).toBe(expected);
  });
});

describe('evaluateEffectiveness', () => {
  const past = new Date('2026-02-01T00:00:00Z');
  const future = new Date('2026-04-01T00:00:00Z');
  it.each<[string, BlockRule[], ObservedIndicator[], IncidentVerdict, string[]]>([
    [
      'a matching hash stops it',
      [rule('sha256', H)],
      [
        { type: 'sha256', value: H },
        { type: 'process_name', value: 'x.exe' },
      ],
      'stopped',
      ['blocked', 'not_blockable'],
    ],
    [
      'nothing matches',
      [rule('domain', 'other.example')],
      [{ type: 'domain', value: 'evil.example' }],
      'not_stopped',
      ['not_blocked'],
    ],
    [
      'an expired entry does not count',
      [rule('sha256', H, past)],
      [{ type: 'sha256', value: H }],
      'not_stopped',
      ['not_blocked'],
    ],
    [
      'an entry expiring later counts',
      [rule('sha256', H, future)],
      [{ type: 'sha256', value: H }],
      'stopped',
      ['blocked'],
    ],
    [
      'only observed indicators',
      [rule('sha256', H)],
      [{ type: 'command_line', value: 'vssadmin delete shadows' }],
      'no_blockable_indicators',
      ['not_blockable'],
    ],
    ['no indicators at all', [], [], 'no_blockable_indicators', []],
    [
      'one of several blocked is enough',
      [rule('domain', 'evil.example')],
      [
        { type: 'sha256', value: H },
        { type: 'domain', value: 'c2.evil.example' },
      ],
      'stopped',
      ['not_blocked', 'blocked'],
    ],
  ])('%s', (_name, rules, indicators, verdict, outcomes) => {
    const [result] = evaluateEffectiveness([{ id: 'i1', title: 'T', indicators }], rules, NOW);
    expect(result?.verdict).toBe(verdict);
    expect(result?.indicators.map((i) => i.outcome)).toEqual(outcomes);
  });

  it('names the entry that matched', () => {
    const [result] = evaluateEffectiveness(
      [{ id: 'i1', title: 'T', indicators: [{ type: 'domain', value: 'a.evil.example' }] }],
      [rule('domain', 'evil.example')],
      NOW,
    );
    expect(result?.indicators[0]).toMatchObject({
      matchedEntryId: 'domain:evil.example',
      matchedValue: 'evil.example',
    });
  });
});
