import { CopyBinaryEncoder, encodeFields } from './copy-binary-encoder';

type Field = string | string[] | Buffer | null;

/** An independent reader of the binary COPY format, enough for the fields the encoder writes. */
function decode(stream: Buffer, kinds: ('text' | 'array' | 'bytes')[]): Field[][] {
  expect(stream.subarray(0, 11)).toEqual(Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'));
  expect(stream.readInt32BE(11)).toBe(0);
  expect(stream.readInt32BE(15)).toBe(0);
  let at = 19;
  const rows: Field[][] = [];
  for (;;) {
    const count = stream.readInt16BE(at);
    at += 2;
    if (count === -1) break;
    expect(count).toBe(kinds.length);
    const row: Field[] = [];
    for (const kind of kinds) {
      const length = stream.readInt32BE(at);
      at += 4;
      if (length === -1) {
        row.push(null);
        continue;
      }
      const bytes = stream.subarray(at, at + length);
      at += length;
      if (kind === 'text') row.push(bytes.toString('utf8'));
      else if (kind === 'bytes') row.push(Buffer.from(bytes));
      else row.push(decodeTextArray(bytes));
    }
    rows.push(row);
  }
  expect(at).toBe(stream.length);
  return rows;
}

function decodeTextArray(bytes: Buffer): string[] {
  const dimensions = bytes.readInt32BE(0);
  expect(bytes.readInt32BE(4)).toBe(0);
  expect(bytes.readInt32BE(8)).toBe(25);
  if (dimensions === 0) {
    expect(bytes.length).toBe(12);
    return [];
  }
  expect(dimensions).toBe(1);
  const count = bytes.readInt32BE(12);
  expect(bytes.readInt32BE(16)).toBe(1);
  const values: string[] = [];
  let at = 20;
  for (let i = 0; i < count; i += 1) {
    const length = bytes.readInt32BE(at);
    values.push(bytes.toString('utf8', at + 4, at + 4 + length));
    at += 4 + length;
  }
  expect(at).toBe(bytes.length);
  return values;
}

function stream(encoder: CopyBinaryEncoder): Buffer {
  encoder.end();
  return Buffer.concat(encoder.take(true));
}

/** A field as the reference encoding takes it; `null` is a NULL text. */
type Op = { row: number } | { text: string | null } | { array: string[] } | { bytes: Buffer };

/** The format written out the plain way, each string through Buffer.from: what the encoder must match byte for byte. */
function reference(ops: Op[]): Buffer {
  const int16 = (n: number): Buffer => Buffer.from([(n >> 8) & 255, n & 255]);
  const int32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };
  const field = (bytes: Buffer): Buffer[] => [int32(bytes.length), bytes];
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), int32(0), int32(0)];
  for (const op of ops) {
    if ('row' in op) parts.push(int16(op.row));
    else if ('bytes' in op) parts.push(...field(op.bytes));
    else if ('text' in op)
      parts.push(...(op.text === null ? [int32(-1)] : field(Buffer.from(op.text, 'utf8'))));
    else {
      const header = op.array.length === 0 ? [0, 0, 25] : [1, 0, 25, op.array.length, 1];
      parts.push(
        ...field(
          Buffer.concat([
            ...header.map(int32),
            ...op.array.flatMap((v) => field(Buffer.from(v, 'utf8'))),
          ]),
        ),
      );
    }
  }
  parts.push(int16(-1));
  return Buffer.concat(parts);
}

/** The same fields through the encoder (bytes alternately as `binary` and `fixed`); its chunks. */
function encode(ops: Op[], chunkBytes?: number): Buffer[] {
  const encoder = new CopyBinaryEncoder(chunkBytes);
  const chunks: Buffer[] = [];
  ops.forEach((op, i) => {
    if ('row' in op) encoder.row(op.row);
    else if ('bytes' in op) {
      if (i % 2) encoder.binary(op.bytes);
      else encoder.fixed(op.bytes.length, (target, at) => op.bytes.copy(target, at));
    } else if ('text' in op) {
      if (op.text !== null && i % 2) encoder.text(op.text);
      else encoder.nullableText(op.text);
    } else encoder.textArray(op.array);
    if (i % 3 === 0) chunks.push(...encoder.take());
  });
  encoder.end();
  chunks.push(...encoder.take(true));
  return chunks;
}

/** Compared as hex: Jest's deep equality is slow on large Buffers, and a hex diff shows where they part. */
function expectSameBytes(chunks: Buffer[], expected: Buffer): void {
  expect(Buffer.concat(chunks).toString('hex')).toBe(expected.toString('hex'));
}

/** A row of one field per value: a text, or a text[] for an array. */
function rowsOf(values: (string | string[])[]): Op[] {
  return values.flatMap((v): Op[] => [
    { row: 1 },
    typeof v === 'string' ? { text: v } : { array: v },
  ]);
}

/** A small seeded generator (mulberry32), so a failing random case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly ASCII, with the UTF-8 length classes' edges, CJK, emoji and lone surrogates among it. */
function randomString(next: () => number): string {
  const pieces = [
    'a',
    'Z',
    '0',
    '-',
    '.',
    ' ',
    '\0',
    '\x7f',
    '\x80',
    'é',
    '\u07ff',
    '\u0800',
    '東',
    '京',
    '上海',
    '\uffff',
    '😀',
    '\ud800',
    '\udfff',
    '\udc00\ud800',
  ];
  // Now and then a long one, beyond any short-string path.
  const length = Math.floor(next() * (next() < 0.05 ? 600 : 40));
  let value = '';
  for (let i = 0; i < length; i += 1) {
    // Four in five characters ASCII, as in real inventories.
    value +=
      next() < 0.8
        ? String.fromCharCode(0x20 + Math.floor(next() * 0x5f))
        : pieces[Math.floor(next() * pieces.length)];
  }
  return value;
}

describe('CopyBinaryEncoder', () => {
  test('writes header, rows of text, nulls, text arrays and raw bytes, and the trailer', () => {
    const encoder = new CopyBinaryEncoder();
    const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    encoder.row(4);
    encoder.binary(id);
    encoder.text('host-1.corp.example');
    encoder.nullableText(null);
    encoder.textArray(['office', 'tier-1']);
    encoder.row(4);
    encoder.fixed(16, (target, at) => id.copy(target, at));
    encoder.text('東京本社 "Osaka, Plant 2"\t\\ \n');
    encoder.nullableText('');
    encoder.textArray([]);
    expect(decode(stream(encoder), ['bytes', 'text', 'text', 'array'])).toEqual([
      [id, 'host-1.corp.example', null, ['office', 'tier-1']],
      [id, '東京本社 "Osaka, Plant 2"\t\\ \n', '', []],
    ]);
  });

  test('rows may span chunks of any size, and a value larger than a chunk gets a chunk of its own', () => {
    const values = Array.from(
      { length: 300 },
      (_, i) => `${'上海工厂'.repeat(i % 7)}-${i}-${'x'.repeat(i % 50)}`,
    );
    const big = 'ž'.repeat(5000);
    for (const chunkBytes of [16, 37, 64, 1000]) {
      const encoder = new CopyBinaryEncoder(chunkBytes);
      for (const value of values) {
        encoder.row(2);
        encoder.text(value);
        encoder.textArray([value, big.slice(0, value.length)]);
      }
      encoder.row(2);
      encoder.text(big);
      encoder.textArray([big]);
      const chunks = [...encoder.take()];
      encoder.end();
      chunks.push(...encoder.take(true));
      expect(chunks.length).toBeGreaterThan(1);
      const rows = decode(Buffer.concat(chunks), ['text', 'array']);
      expect(rows).toEqual([...values.map((v) => [v, [v, big.slice(0, v.length)]]), [big, [big]]]);
    }
  });

  describe('writes every string exactly as Buffer.from(value, "utf8") does', () => {
    const samples: [string, string[]][] = [
      [
        'ASCII',
        [
          'host-0000001.corp.example',
          'JP',
          'Legacy AV 12',
          'tier-1',
          '\0\x01\x7f',
          ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
        ],
      ],
      ['Japanese and Chinese', ['東京本社', '上海工厂', '"Osaka, Plant 2" 大阪第二工場']],
      ['the edges of UTF-8 lengths', ['\x80', '\u07ff', '\u0800', '\uffff', 'a\x80b']],
      ['emoji (surrogate pairs)', ['😀', 'site 🏭 Plant', '👨‍👩‍👧']],
      [
        'lone and reversed surrogates',
        ['\ud800', '\udfff', 'a\ud83db', 'x\udc00\ud800y', 'end\ud83d', '\ude00start'],
      ],
      [
        'a non-ASCII character first, in the middle, last',
        ['ébc', 'abécd', 'abcdé', '東abc', 'ab東cd', 'abcd東', '😀ab', 'a😀b', 'ab😀'],
      ],
      ['empty strings', ['', '']],
    ];
    test.each(samples)('%s, as text', (_name, values) => {
      const ops = rowsOf(values);
      expectSameBytes(encode(ops), reference(ops));
    });
    test.each(samples)('%s, as text[] elements, alone and mixed with ASCII', (_name, values) => {
      const ops = rowsOf([
        values,
        ...values.map((v) => ['office', v, 'tier-1']),
        ...values.map((v) => [v, '']),
      ]);
      expectSameBytes(encode(ops), reference(ops));
    });
  });

  test('strings are written right wherever the chunk ends, ASCII or not', () => {
    const values = ['host-0000001.corp.example', 'ab', '東京本社', 'abcé', 'é', '😀x', 'x\ud800'];
    for (const value of values) {
      for (const chunkBytes of [24, 40, 64]) {
        // Filler fields shift the value through every position up to the end of the first chunk.
        for (let filler = 0; filler <= chunkBytes; filler += 1) {
          const ops: Op[] = [
            { row: 3 },
            { text: 'x'.repeat(filler) },
            { text: value },
            { array: [value, 'office', value] },
          ];
          const chunks = encode(ops, chunkBytes);
          expectSameBytes(chunks, reference(ops));
          expect(chunks.length).toBeGreaterThan(1);
        }
      }
    }
  });

  test('matches the reference encoding on random rows, whatever the chunk size', () => {
    const next = random(20240611);
    for (let round = 0; round < 200; round += 1) {
      const ops: Op[] = [];
      for (let r = 0; r < 20; r += 1) {
        ops.push({ row: 5 });
        ops.push({ bytes: Buffer.from([r, round & 255, 0, 255]) });
        ops.push({ text: randomString(next) });
        ops.push({ text: next() < 0.3 ? null : randomString(next) });
        ops.push({
          array: Array.from({ length: Math.floor(next() * 4) }, () => randomString(next)),
        });
        ops.push({ text: randomString(next) });
      }
      const chunkBytes = [16, 33, 100, 1024, 256 * 1024][round % 5];
      expectSameBytes(encode(ops, chunkBytes), reference(ops));
    }
  });

  test('encodeFields pre-encodes a run of fields without the stream header', () => {
    const tail = encodeFields((e) => {
      e.text('eol');
      e.text('Windows Server 2012 R2 reached its end of life');
    });
    const encoder = new CopyBinaryEncoder();
    encoder.row(3);
    encoder.text('host');
    encoder.encoded(tail);
    expect(decode(stream(encoder), ['text', 'text', 'text'])).toEqual([
      ['host', 'eol', 'Windows Server 2012 R2 reached its end of life'],
    ]);
  });

  test('rewind takes back what was written since an offset of the same chunk', () => {
    const encoder = new CopyBinaryEncoder(64);
    encoder.row(1);
    encoder.text('kept');
    const chunk = encoder.chunksStarted;
    const at = encoder.offset;
    encoder.row(1);
    encoder.text('dropped');
    expect(encoder.chunksStarted).toBe(chunk);
    expect(encoder.current.subarray(at, encoder.offset).includes(Buffer.from('dropped'))).toBe(
      true,
    );
    expect(() => encoder.rewind(encoder.offset + 1)).toThrow(RangeError);
    encoder.rewind(at);
    encoder.row(1);
    encoder.text('next');
    // A field that does not fit starts a new chunk: an offset taken before no longer holds.
    const before = encoder.chunksStarted;
    encoder.row(1);
    encoder.text('x'.repeat(100));
    expect(encoder.chunksStarted).toBeGreaterThan(before);
    expect(decode(stream(encoder), ['text'])).toEqual([['kept'], ['next'], ['x'.repeat(100)]]);
  });
});
