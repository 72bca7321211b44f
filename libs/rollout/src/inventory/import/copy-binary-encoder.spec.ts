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
    const values = Array.from({ length: 300 }, (_, i) => `${'上海工厂'.repeat(i % 7)}-${i}-${'x'.repeat(i % 50)}`);
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

  test('encodeFields pre-encodes a run of fields without the stream header', () => {
    const tail = encodeFields((e) => {
      e.text('eol');
      e.text('Windows Server 2012 R2 reached its end of life');
    });
    const encoder = new CopyBinaryEncoder();
    encoder.row(3);
    encoder.text('host');
    encoder.encoded(tail);
    expect(decode(stream(encoder), ['text', 'text', 'text'])).toEqual([['host', 'eol', 'Windows Server 2012 R2 reached its end of life']]);
  });
});
