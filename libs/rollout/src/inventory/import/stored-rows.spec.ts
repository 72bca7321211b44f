import { CopyBinaryEncoder } from './copy-binary-encoder';
import { StoredRows } from './stored-rows';

interface Row {
  hostname: string;
  site: string;
  country: string;
  existingProduct: string | null;
  tags: string[];
  type: string;
  osFamily: string;
  osVersion: string;
  kernel: string | null;
  status: string;
  reason: string;
}

const ROWS: Row[] = [
  {
    hostname: 'TKY-PC-001',
    site: '東京本社',
    country: 'JP',
    existingProduct: 'Legacy AV 12',
    tags: ['office', 'finance'],
    type: 'client',
    osFamily: 'windows',
    osVersion: '10.0.26100',
    kernel: null,
    status: 'supported',
    reason: 'Windows 11 24H2: supported',
  },
  {
    hostname: 'sh-srv-001',
    site: 'Osaka, "Plant" 2',
    country: 'CN',
    existingProduct: null,
    tags: [],
    type: 'server',
    osFamily: 'linux',
    osVersion: 'Ubuntu 22.04',
    kernel: '6.8.0-40-generic',
    status: 'eol_soon',
    reason: 'Ubuntu 22.04: support ends soon',
  },
  ...Array.from({ length: 40 }, (_, i): Row => ({
    hostname: `gen-${i}.corp.example`,
    site: `Site ${i % 3}`,
    country: 'DE',
    existingProduct: i % 2 ? 'AV' : null,
    tags: ['bulk'],
    type: 'client',
    osFamily: 'macos',
    osVersion: '15.1',
    kernel: null,
    status: 'supported',
    reason: 'macOS 15',
  })),
];

/** A row's compared fields in COMPARED_COLUMNS order, as the staging sink encodes them. */
function writeFields(e: CopyBinaryEncoder, r: Row): void {
  e.text(r.hostname);
  e.text(r.site);
  e.text(r.country);
  e.nullableText(r.existingProduct);
  e.textArray(r.tags);
  e.text(r.type);
  e.text(r.osFamily);
  e.text(r.osVersion);
  e.nullableText(r.kernel);
  e.text(r.status);
  e.text(r.reason);
}

/** What `COPY (SELECT COMPARED_COLUMNS …) TO STDOUT WITH (FORMAT binary)` sends for `rows`. */
function copyStream(rows: Row[]): Buffer {
  const e = new CopyBinaryEncoder();
  for (const r of rows) {
    e.row(11);
    writeFields(e, r);
  }
  e.end();
  return Buffer.concat(e.take(true));
}

/** One row's compared fields alone. */
function fields(r: Row): Buffer {
  const e = new CopyBinaryEncoder(1024, false);
  writeFields(e, r);
  return Buffer.concat(e.take(true));
}

function load(stream: Buffer, split: (at: number) => number): StoredRows {
  const stored = new StoredRows();
  for (let at = 0; at < stream.length;) {
    const next = Math.min(stream.length, at + split(at));
    stored.write(stream.subarray(at, next));
    at = next;
  }
  stored.end();
  return stored;
}

/** Whether `stored` holds `row`, its fields given in place inside a larger buffer. */
function holds(stored: StoredRows, row: Row): boolean {
  const bytes = Buffer.concat([Buffer.from('prefix'), fields(row), Buffer.from('suffix')]);
  return stored.holds(bytes, 6, bytes.length - 6);
}

describe('StoredRows', () => {
  const stream = copyStream(ROWS);

  test('holds each stored row, in stored order or any other, wherever the chunks split the rows', () => {
    const reversed = [...ROWS].reverse();
    const shuffled = ROWS.map((_, i) => ROWS[(i * 7) % ROWS.length]);
    for (const size of [1, 2, 3, 7, 19, 20, 64, 333, stream.length]) {
      for (const order of [ROWS, reversed, shuffled]) {
        const stored = load(stream, () => size);
        expect(stored.size).toBe(ROWS.length);
        for (const row of order) expect(holds(stored, row)).toBe(true);
      }
    }
  });

  test('a row that is not stored, differs in any field, or only in the case of its hostname, is not held', () => {
    const base = ROWS[1];
    const variants: Partial<Row>[] = [
      { hostname: 'SH-SRV-001' },
      { hostname: 'sh-srv-00' },
      { hostname: 'gen-40.corp.example' },
      { site: 'Osaka, "Plant" 3' },
      { existingProduct: '' },
      { tags: [''] },
      { tags: ['a'] },
      { kernel: null },
      { reason: 'Ubuntu 22.04: support ends soon ' },
      { status: 'eol' },
    ];
    for (const change of variants) {
      // At the row expected next (the one after the previous match) and elsewhere.
      const stored = load(stream, (at) => 5 + (at % 11));
      expect(holds(stored, ROWS[0])).toBe(true);
      expect(holds(stored, { ...base, ...change })).toBe(false);
      expect(holds(stored, ROWS[5])).toBe(true);
      expect(holds(stored, { ...base, ...change })).toBe(false);
      expect(holds(stored, base)).toBe(true);
    }
  });

  test('the rows after a new, a missing or a changed row are still held', () => {
    const stored = load(stream, () => 64);
    const extra: Row = { ...ROWS[3], hostname: 'new-host.corp.example' };
    const file = [
      ROWS[0],
      extra,
      ROWS[1],
      ROWS[3],
      { ...ROWS[4], tags: ['moved'] },
      ...ROWS.slice(5),
    ];
    expect(file.map((row) => holds(stored, row))).toEqual(
      file.map((row) => row !== extra && row.tags[0] !== 'moved'),
    );
  });

  test('an empty inventory holds nothing; a stream cut short is refused', () => {
    const empty = load(copyStream([]), () => 4);
    expect(empty.size).toBe(0);
    expect(holds(empty, ROWS[0])).toBe(false);
    expect(() => load(stream.subarray(0, stream.length - 2), () => 64)).toThrow(/ended early/);
  });
});
