import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import { arrayLiteral } from './copy-row-sink';
import { CopyLineEncoder } from './copy-line-encoder';
import { ID_LENGTH } from './time-ordered-ids';

const ID = '0190f3a0-1111-7222-8333-444455556666';
const ids = { write: (target: Uint8Array, at: number): number => at + Buffer.from(ID).copy(target, at) };

/** The line as COPY text format spells it, built the plain way with strings. */
function expected(prefix: string, row: EndpointRow, c: Classification): string {
  const text = (v: string): string => v.replace(/[\\\t\n\r]/g, (ch) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[ch] as string);
  const nullable = (v: string | null): string => (v === null ? '\\N' : text(v));
  return (
    `${prefix}${ID}\t${text(row.hostname)}\t${row.type}\t${row.osFamily}\t${text(row.osVersion)}\t${nullable(row.kernel)}\t` +
    `${text(row.site)}\t${row.country}\t${nullable(row.existingProduct)}\t${text(arrayLiteral(row.tags))}\t${c.status}\t${text(c.reason)}\n`
  );
}

const base: EndpointRow = {
  hostname: 'tky-pc-001', type: 'client', osFamily: 'windows', osVersion: '10.0.26100', kernel: null,
  site: '東京本社', country: 'JP', existingProduct: null, tags: [],
};
const supported: Classification = { status: 'supported', reason: 'Windows 11 24H2 is supported' };
const odd: Classification = { status: 'unsupported', reason: 'Windows version "a\\b\tc" is not\nin the matrix' };

describe('CopyLineEncoder (COPY text format, straight to bytes)', () => {
  it.each<[string, Partial<EndpointRow>]>([
    ['a plain row', {}],
    ['kernel and product', { osFamily: 'linux', kernel: '6.8.0-40-generic', existingProduct: 'Legacy AV 12' }],
    ['escapes in text columns', { osVersion: 'Ubuntu\t22.04 \\ back', site: 'Line\nbreak\r', existingProduct: 'a\\N' }],
    ['tags, plain and with quotes, backslashes and tabs', { tags: ['office', 'tier-1', 'say "hi"', 'back\\slash', 'tab\there', 'NULL', 'a,b', '{x}'] }],
    ['two- three- and four-byte characters', { site: 'Zürich 上海工厂 😀', tags: ['ünïcode', '東京'], existingProduct: 'Ω' }],
    ['lone surrogates become U+FFFD', { site: 'a\ud800b', osVersion: '\udc00', tags: ['x\ud83d'] }],
    ['control characters other than tab and line breaks pass through', { site: 'a\u0001b\u007fc', tags: ['\u0000'] }],
  ])('%s: the same bytes as Buffer.from of the string line', (_name, change) => {
    const row = { ...base, ...change };
    for (const prefix of ['', '0190f3a0-0000-7000-8000-000000000001\t']) {
      const encoder = new CopyLineEncoder(prefix, ids);
      encoder.add(row, supported);
      encoder.add(row, odd);
      expect(encoder.take().equals(Buffer.from(expected(prefix, row, supported) + expected(prefix, row, odd)))).toBe(true);
    }
  });

  it('grows past its capacity without losing bytes, and starts afresh after take()', () => {
    const encoder = new CopyLineEncoder('', ids, 64);
    const rows = Array.from({ length: 500 }, (_, i): EndpointRow => ({ ...base, hostname: `h-${i}`, site: '東'.repeat(i % 90), tags: ['\\'.repeat(i % 64)] }));
    for (const row of rows) encoder.add(row, supported);
    const first = encoder.take();
    expect(first.toString()).toBe(rows.map((r) => expected('', r, supported)).join(''));
    expect(encoder.length).toBe(0);
    encoder.add(base, odd);
    expect(encoder.take().toString()).toBe(expected('', base, odd));
    // The first chunk was not written over.
    expect(first.subarray(0, ID_LENGTH).toString()).toBe(ID);
  });
});
