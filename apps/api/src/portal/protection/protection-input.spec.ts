import { parseDateInput, parseIndicatorLines } from './protection-input';

describe('parseIndicatorLines', () => {
  it.each<[string, { type: string; value: string }[]]>([
    ['', []],
    ['sha256 abc', [{ type: 'sha256', value: 'abc' }]],
    [
      '  domain   evil.example  \r\n\n file_path C:\\Program Files\\x.exe',
      [
        { type: 'domain', value: 'evil.example' },
        { type: 'file_path', value: 'C:\\Program Files\\x.exe' },
      ],
    ],
    ['command_line cmd /c "a b"', [{ type: 'command_line', value: 'cmd /c "a b"' }]],
    ['md5', [{ type: 'md5', value: '' }]],
  ])('%j', (text, expected) => {
    expect(parseIndicatorLines(text)).toEqual(expected);
  });
});

describe('parseDateInput', () => {
  it.each<[string | undefined, Date | null | undefined]>([
    [undefined, null],
    ['  ', null],
    ['2027-01-31', new Date('2027-01-31T00:00:00Z')],
    ['2027-02-30', undefined],
    ['31/01/2027', undefined],
  ])('%j', (input, expected) => {
    expect(parseDateInput(input)).toEqual(expected);
  });
});
