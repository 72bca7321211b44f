import { CsvParser, CsvRecord } from './csv-parser';

function parse(chunks: string[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  const parser = new CsvParser((r) => records.push(r));
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
  return records;
}

describe('CsvParser (RFC 4180, streamed)', () => {
  const cases: [string, string, CsvRecord[]][] = [
    [
      'plain LF rows',
      'a,b\nc,d\n',
      [
        { fields: ['a', 'b'], line: 1 },
        { fields: ['c', 'd'], line: 2 },
      ],
    ],
    [
      'CRLF rows',
      'a,b\r\nc,d\r\n',
      [
        { fields: ['a', 'b'], line: 1 },
        { fields: ['c', 'd'], line: 2 },
      ],
    ],
    [
      'no final line break',
      'a,b\nc,d',
      [
        { fields: ['a', 'b'], line: 1 },
        { fields: ['c', 'd'], line: 2 },
      ],
    ],
    [
      'a BOM is dropped',
      '\uFEFFhostname,site\nx,y\n',
      [
        { fields: ['hostname', 'site'], line: 1 },
        { fields: ['x', 'y'], line: 2 },
      ],
    ],
    ['quoted comma', '"Tokyo, HQ",b\n', [{ fields: ['Tokyo, HQ', 'b'], line: 1 }]],
    ['escaped quotes', '"say ""hi""",b\n', [{ fields: ['say "hi"', 'b'], line: 1 }]],
    [
      'line break inside quotes counts lines',
      '"a\nb",c\nd,e\n',
      [
        { fields: ['a\nb', 'c'], line: 1 },
        { fields: ['d', 'e'], line: 3 },
      ],
    ],
    [
      'blank lines are skipped but counted',
      'a\n\n\r\nb\n',
      [
        { fields: ['a'], line: 1 },
        { fields: ['b'], line: 4 },
      ],
    ],
    ['empty fields', 'a,,\n', [{ fields: ['a', '', ''], line: 1 }]],
    ['empty quoted field', '"",x\n', [{ fields: ['', 'x'], line: 1 }]],
    [
      'Japanese and Chinese text',
      '東京本社,上海工厂\n',
      [{ fields: ['東京本社', '上海工厂'], line: 1 }],
    ],
    [
      'commas and breaks inside quotes between plain fields, mixed line ends',
      '"a,b",c,d\r\ne,"f\r\ng",h\ri,,j\nk,"l""m,n"\n,,\no',
      [
        { fields: ['a,b', 'c', 'd'], line: 1 },
        { fields: ['e', 'f\r\ng', 'h'], line: 2 },
        { fields: ['i', '', 'j'], line: 4 },
        { fields: ['k', 'l"m,n'], line: 5 },
        { fields: ['', '', ''], line: 6 },
        { fields: ['o'], line: 7 },
      ],
    ],
    [
      'text after a closing quote',
      '"a"b,c\n',
      [{ fields: ['a', 'c'], line: 1, error: 'unexpected text after a closing quote in field 1' }],
    ],
    [
      'unclosed quote at the end',
      'a,"b\n',
      [{ fields: ['a', 'b\n'], line: 1, error: 'field 2 has no closing quote' }],
    ],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(parse([input])).toEqual(expected);
  });

  it.each(cases)('%s: the same however the input is split', (_name, input, expected) => {
    for (let cut = 0; cut <= input.length; cut += 1) {
      expect(parse([input.slice(0, cut), input.slice(cut)])).toEqual(expected);
    }
    expect(parse([...input])).toEqual(expected);
  });

  it('reports an over-long record and carries on after it', () => {
    const records = parse(['a\n"', 'x'.repeat(70 * 1024), '\nb,c\n']);
    expect(records[0]).toEqual({ fields: ['a'], line: 1 });
    expect(records[1].error).toMatch(/longer than/);
    expect(records.at(-1)?.fields).toEqual(['b', 'c']);
  });
});
