import { rowValidatorFor, RowValidator } from './endpoint-row';

const HEADER = [
  'hostname',
  'type',
  'os_family',
  'os_version',
  'kernel',
  'site',
  'country',
  'existing_product',
  'tags',
];

function validator(header = HEADER): RowValidator {
  const result = rowValidatorFor(header);
  if ('problems' in result) throw new Error(result.problems.join('; '));
  return result.validate;
}

describe('endpoint CSV rows', () => {
  it('reads a good row, normalising case, tags (; or |) and empty optionals', () => {
    expect(
      validator()([
        'TKY-PC-001',
        'Client',
        'Windows',
        '10.0.19045',
        '',
        '東京本社',
        'jp',
        '',
        'office; finance|finance',
      ]),
    ).toEqual({
      row: {
        hostname: 'TKY-PC-001',
        type: 'client',
        osFamily: 'windows',
        osVersion: '10.0.19045',
        kernel: null,
        site: '東京本社',
        country: 'JP',
        existingProduct: null,
        tags: ['office', 'finance'],
      },
    });
  });

  it.each([
    ['office;tier-1', ['office', 'tier-1']],
    ['a;b;a|c;b', ['a', 'b', 'c']],
    [' ; | ;; ', []],
    ['\u00a0x\u3000;x;y ', ['x', 'y']],
    [
      't1;t2;t3;t4;t5;t6;t7;t8;t9;t10;t1;t11;t2',
      ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9', 't10', 't11'],
    ],
  ])('splits the tags %j, trimmed, without empties or repeats', (raw, tags) => {
    expect(
      validator()(['h1', 'client', 'windows', '10.0.19045', '', 'Osaka', 'JP', '', raw]),
    ).toMatchObject({ row: { tags } });
  });

  it('counts tags after removing repeats, and names the first over-long one', () => {
    const many = Array.from({ length: 30 }, (_, i) => `t${i % 20}`).join(';');
    expect(
      validator()(['h1', 'client', 'windows', '10', '', 'Osaka', 'JP', '', many]),
    ).toMatchObject({ row: { hostname: 'h1' } });
    const long = `ok;${'a'.repeat(65)};${'b'.repeat(70)}`;
    expect(validator()(['h1', 'client', 'windows', '10', '', 'Osaka', 'JP', '', long])).toEqual({
      reason: `tag "${'a'.repeat(40)}…" is longer than 64 characters`,
    });
  });

  it('accepts columns in any order, os_build for os_version, and no optional columns', () => {
    const validate = validator(['Country', 'site', 'OS_BUILD', 'os_family', 'type', 'hostname']);
    expect(
      validate(['CN', '上海工厂', 'Windows Server 2019', 'windows', 'server', 'sh-srv-01']),
    ).toMatchObject({
      row: {
        hostname: 'sh-srv-01',
        osVersion: 'Windows Server 2019',
        country: 'CN',
        site: '上海工厂',
        tags: [],
      },
    });
  });

  it.each([
    [['hostname', 'type', 'os_family', 'os_version', 'site'], 'missing column "country"'],
    [[...HEADER, 'owner'], 'unknown column "owner"'],
    [[...HEADER, 'site'], 'column "site" appears twice'],
  ])('refuses the header %j', (header, problem) => {
    expect(rowValidatorFor(header)).toEqual({ problems: [problem] });
  });

  const good = ['h1', 'server', 'linux', 'RHEL 8.6', '4.18.0-372', 'Osaka', 'JP', 'Legacy AV', ''];
  const withField = (i: number, value: string): string[] =>
    good.map((v, j) => (j === i ? value : v));
  it.each([
    ['too many fields', [...good, 'extra'], 'has 10 fields, expected 9'],
    ['too few fields', good.slice(0, 8), 'has 8 fields, expected 9'],
    ['empty hostname', withField(0, ''), 'hostname is empty'],
    ['bad hostname', withField(0, 'bad host'), 'hostname "bad host" is not a valid host name'],
    ['wrong type', withField(1, 'desktop'), 'type "desktop" must be one of client, server'],
    [
      'wrong type, echoed in lower case',
      withField(1, ' DeskTop '),
      'type "desktop" must be one of client, server',
    ],
    [
      'wrong os_family',
      withField(2, 'solaris'),
      'os_family "solaris" must be one of windows, linux, macos',
    ],
    ['empty os_version', withField(3, ' '), 'os_version is empty'],
    ['Linux without kernel', withField(4, ''), 'kernel is required for Linux endpoints'],
    ['empty site', withField(5, ''), 'site is empty'],
    ['unknown country', withField(6, 'XX'), 'country "XX" is not an ISO 3166-1 alpha-2 code'],
    [
      'three-letter country',
      withField(6, 'JPN'),
      'country "JPN" is not an ISO 3166-1 alpha-2 code',
    ],
    [
      'unknown country, echoed in upper case',
      withField(6, 'xx'),
      'country "XX" is not an ISO 3166-1 alpha-2 code',
    ],
    [
      'too many tags',
      withField(8, Array.from({ length: 21 }, (_, i) => `t${i}`).join(';')),
      'more than 20 tags',
    ],
  ])('refuses %s', (_name, fields, reason) => {
    expect(validator()(fields)).toEqual({ reason });
  });
});
