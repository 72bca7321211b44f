import { csvCell, csvLine } from './csv-line';

describe('csvLine', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@x', "'@x"],
    ['東京本社', '東京本社'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('keeps numbers (negative too) and empties nulls', () => {
    expect(csvLine([-3, 4.5, null, undefined, true])).toBe('-3,4.5,,,true\r\n');
  });
});
