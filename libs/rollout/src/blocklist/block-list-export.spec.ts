import { csvCell } from '@app/platform/csv/csv-line';
import { ExportEntry, toCsv, toJson } from './block-list-export';

describe('csvCell, always quoted (the block list format)', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', '"\'+1"'],
    ['-2+3', '"\'-2+3"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    ['\tx', '"\'\tx"'],
    ['a,b\nc', '"a,b\nc"'],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input, 'always')).toBe(expected);
  });
});

describe('block list export', () => {
  const entries: ExportEntry[] = [
    { type: 'sha256', value: 'b'.repeat(64), reason: '=cmd', expiresAt: null },
    {
      type: 'domain',
      value: 'evil.example',
      reason: 'C2',
      expiresAt: new Date('2027-01-01T00:00:00Z'),
    },
    { type: 'sha256', value: 'a'.repeat(64), reason: 'dropper', expiresAt: null },
  ];

  it('writes CSV in type then value order, injection-safe', () => {
    expect(toCsv(entries)).toBe(
      'type,value,reason,expires_at\r\n' +
        '"domain","evil.example","C2","2027-01-01T00:00:00.000Z"\r\n' +
        `"sha256","${'a'.repeat(64)}","dropper",""\r\n` +
        `"sha256","${'b'.repeat(64)}","'=cmd",""\r\n`,
    );
  });

  it('writes JSON in the same order, whatever the input order', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const json = toJson('e1', [...entries].reverse(), now);
    expect(json.count).toBe(3);
    expect(json.entries.map((e) => e.value)).toEqual([
      'evil.example',
      'a'.repeat(64),
      'b'.repeat(64),
    ]);
    expect(json.entries[2]).toEqual({
      type: 'sha256',
      value: 'b'.repeat(64),
      reason: '=cmd',
      expiresAt: null,
    });
  });
});
