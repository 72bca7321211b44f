import { CopyBinaryEncoder } from './copy-binary-encoder';
import { HeldRows, STAGED_ROW_PREAMBLE } from './held-rows';
import { StoredRows } from './stored-rows';

/** A row of one text field after the id (the hostname), `n`-th of its kind. */
function writeRow(e: CopyBinaryEncoder, hostname: string, id: number): void {
  e.row(2);
  e.binary(Buffer.alloc(16, id));
  e.text(hostname);
}

/** The stored side: a binary COPY stream of `hostnames` (their compared field alone). */
function stored(hostnames: string[]): StoredRows {
  const e = new CopyBinaryEncoder();
  for (const h of hostnames) {
    e.row(1);
    e.text(h);
  }
  e.end();
  const rows = new StoredRows();
  for (const chunk of e.take(true)) rows.write(chunk);
  rows.end();
  return rows;
}

describe('HeldRows', () => {
  test('drops the held rows a stored row equals, compacting every chunk in place, and keeps the rest in order', () => {
    const hostnames = Array.from({ length: 300 }, (_, i) => `host-${i}`);
    // Small chunks, so that rows fall into many of them.
    const e = new CopyBinaryEncoder(200);
    const held = new HeldRows();
    for (let i = 0; i < hostnames.length; i += 1) {
      // The encoder makes room for 3 bytes a char: so does the sink, for a row to fit one chunk.
      e.reserve(2 + 20 + 4 + hostnames[i].length * 3);
      const chunk = e.chunksStarted;
      const at = e.offset;
      writeRow(e, hostnames[i], i % 256);
      expect(e.chunksStarted).toBe(chunk);
      held.add(chunk, at, e.offset);
    }
    const last = e.chunksStarted;
    const chunks = e.take(true);
    // Every third row is stored unchanged; the others are not stored or differ.
    const inventory = hostnames.map((h, i) => (i % 3 === 0 ? h : `${h}-old`));
    expect(chunks.length).toBeGreaterThan(40);
    expect(held.dropEqual(chunks, last - chunks.length + 1, stored(inventory))).toBe(100);

    const expected = new CopyBinaryEncoder(200);
    hostnames.forEach((h, i) => {
      if (i % 3 !== 0) writeRow(expected, h, i % 256);
    });
    expect(Buffer.concat(chunks)).toEqual(Buffer.concat(expected.take(true)));
  });

  test('a row given outside its chunk is refused rather than compared', () => {
    const held = new HeldRows();
    held.add(1, 0, 500);
    expect(() => held.dropEqual([Buffer.alloc(100)], 1, stored([]))).toThrow(/outside its chunk/);
  });

  test('the compared fields start after the field count and the id', () => {
    expect(STAGED_ROW_PREAMBLE).toBe(2 + 4 + 16);
  });
});
