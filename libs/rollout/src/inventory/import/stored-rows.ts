import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * The endpoint columns a re-import compares, in the order CopyRowSink writes them after the id:
 * a stored row's binary COPY fields in this order are byte for byte what the sink encodes for an
 * equal row.
 */
export const COMPARED_COLUMNS =
  'hostname, site, country, existing_product, tags, type, os_family, os_version, kernel, support_status, support_reason';

/** The signature, flags and header-extension length that open a binary COPY stream. */
const HEADER_BYTES = 19;
const UPPER_A = 65;
const UPPER_Z = 90;
/** The plans turned off while the stored rows are read, leaving the primary key's index scan. */
const INDEX_ORDER = ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'];
/** How much of the next chunk completes a row split by a chunk end (rows are rarely over 1 kB). */
const SPLIT_ROW_HEAD = 8192;

/**
 * An engagement's stored endpoints as binary COPY rows (COMPARED_COLUMNS), so that a re-import can
 * leave out the rows it would not change before they reach the database. Only a filter: a row
 * whose bytes equal a stored row's is equal to it (binary send is a function of the value, and
 * text compares byte-wise), and the merge would pair it with that very row (the bytes include the
 * hostname, unique in the inventory ignoring case), so it would change nothing; every other row
 * still goes to the merge, which decides with the database's own comparison. The rows are read
 * into one growing byte array, each row's fields kept where they arrived.
 *
 * A row is first compared with the stored row after the one the previous row matched: an export
 * comes in the same order week after week, and the stored rows are read in the order they were
 * first imported in, so that one compare nearly always decides (or finds that row's hostname, and
 * the row changed). Only otherwise (a new row, or one out of order) is the row's hostname looked
 * up, in an open-addressing table of entry numbers (as HostnameIndex does for the file's
 * hostnames) built at that first miss: in the usual case nothing is hashed at all (hashing and
 * probing 200k rows was a fifth of the re-import's Node time).
 */
export class StoredRows {
  /** The chunks as received (rows stay where they arrived; one split by a chunk end gets its own). */
  private chunks: Buffer[] = [];
  /** The unread end of the last chunk: the start of a row whose rest is still to come. */
  private carry: Buffer | null = null;
  private headerRead = false;
  private ended = false;
  /** Per entry: its chunk, and where its fields start (after the field count) and end. */
  private chunkOf = new Uint32Array(1024);
  private starts = new Uint32Array(1024);
  private ends = new Uint32Array(1024);
  /** Per entry, its hostname's hash; and entry number + 1 per slot (0: empty), at most half full. Built at the first miss. */
  private hashes: Uint32Array | null = null;
  private slots: Uint32Array | null = null;
  private count = 0;
  /** The entry after the last one matched: the next row's likely match. */
  private next = 0;

  /** Reads the engagement's endpoints (under the import's lock, so they hold until it commits). */
  static async read(client: PoolClient, engagementId: string): Promise<StoredRows> {
    const rows = new StoredRows();
    // In id order (time-ordered: the order the rows were first imported in, which an updated row
    // keeps), read along the primary key: in physical order, every row a re-import had updated
    // would have moved to the end and been looked up (a fresh partition has no statistics, so the
    // planner is told the plan rather than left to sort).
    await client.query(INDEX_ORDER.map((knob) => `SET LOCAL ${knob} = off`).join('; '));
    const copy = client.query(
      copyTo(
        `COPY (SELECT ${COMPARED_COLUMNS} FROM endpoint WHERE engagement_id = ${client.escapeLiteral(engagementId)} ORDER BY id) TO STDOUT WITH (FORMAT binary)`,
      ),
    );
    for await (const chunk of copy) rows.write(chunk as Buffer);
    rows.end();
    await client.query(INDEX_ORDER.map((knob) => `RESET ${knob}`).join('; '));
    return rows;
  }

  get size(): number {
    return this.count;
  }

  /** Takes the next bytes of a binary COPY stream; rows may be split anywhere. */
  write(chunk: Buffer): void {
    if (this.ended || chunk.length === 0) return;
    const carry = this.carry;
    if (!carry) return this.read(chunk, 0, chunk.length);
    this.carry = null;
    if (!this.headerRead) return this.read(Buffer.concat([carry, chunk]), 0);
    // The split row, completed from the head of this chunk, becomes a chunk of its own; the rest
    // of this chunk is read where it is (a row longer than the head takes a copy of it all).
    const head = Buffer.concat([carry, chunk.subarray(0, SPLIT_ROW_HEAD)]);
    const end = rowEnd(head, 0, head.length);
    if (end < 0) return this.read(Buffer.concat([carry, chunk]), 0);
    this.read(head, 0, end);
    this.read(chunk, end - carry.length, chunk.length);
  }

  end(): void {
    if (!this.ended) throw new Error('binary COPY stream ended early');
  }

  /**
   * Whether `source[start, end)`, a row's fields encoded as COMPARED_COLUMNS (the hostname first),
   * are exactly those of a stored row.
   */
  holds(source: Buffer, start: number, end: number): boolean {
    const next = this.next;
    if (next < this.count) {
      if (this.sameAs(next, source, start, end)) {
        this.next = next + 1;
        return true;
      }
      // The expected row, changed: nothing to look up.
      if (this.hostnameIs(next, source, start + 4, int32(source, start))) {
        this.next = next + 1;
        return false;
      }
    }
    const entry = this.find(source, start);
    if (entry < 0) return false;
    this.next = entry + 1;
    return this.sameAs(entry, source, start, end);
  }

  /** The entry whose hostname equals the text field at `source[at]` in ASCII case-insensitively; -1 if none. */
  private find(source: Buffer, at: number): number {
    const length = int32(source, at);
    if (length < 0) return -1;
    if (!this.slots || !this.hashes) this.index();
    const slots = this.slots as Uint32Array;
    const hashes = this.hashes as Uint32Array;
    const hash = hostnameHash(source, at + 4, length);
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] - 1;
      if (entry < 0) return -1;
      if (hashes[entry] === hash && this.hostnameIs(entry, source, at + 4, length)) return entry;
    }
  }

  private sameAs(entry: number, source: Buffer, start: number, end: number): boolean {
    const from = this.starts[entry];
    const to = this.ends[entry];
    return (
      to - from === end - start &&
      source.compare(this.chunks[this.chunkOf[entry]], from, to, start, end) === 0
    );
  }

  private hostnameIs(entry: number, source: Buffer, from: number, length: number): boolean {
    const bytes = this.chunks[this.chunkOf[entry]];
    const at = this.starts[entry];
    if (int32(bytes, at) !== length) return false;
    for (let i = 0; i < length; i += 1)
      if (lower(bytes[at + 4 + i]) !== lower(source[from + i])) return false;
    return true;
  }

  /** Reads the rows of `data[at, until)`, keeping `data` as a chunk; a partial row is carried. */
  private read(data: Buffer, from: number, until = data.length): void {
    if (this.ended) return;
    let at = from;
    if (!this.headerRead) {
      if (until < HEADER_BYTES || until < HEADER_BYTES + int32(data, HEADER_BYTES - 4)) {
        this.carry = data.subarray(0, until);
        return;
      }
      at = HEADER_BYTES + int32(data, HEADER_BYTES - 4);
      this.headerRead = true;
    }
    const chunk = this.chunks.length;
    let used = false;
    while (at + 2 <= until) {
      if (data[at] === 0xff && data[at + 1] === 0xff) {
        this.ended = true; // a field count of -1: the end of the data
        break;
      }
      const end = rowEnd(data, at, until);
      if (end < 0) break;
      this.add(chunk, at + 2, end);
      used = true;
      at = end;
    }
    if (used) this.chunks.push(data);
    if (!this.ended && at < until) this.carry = data.subarray(at, until);
  }

  private add(chunk: number, start: number, end: number): void {
    const entry = this.count;
    if (entry === this.starts.length) {
      this.chunkOf = grown(this.chunkOf, entry + 1);
      this.starts = grown(this.starts, entry + 1);
      this.ends = grown(this.ends, entry + 1);
    }
    this.chunkOf[entry] = chunk;
    this.starts[entry] = start;
    this.ends[entry] = end;
    this.count = entry + 1;
  }

  /** Hashes every entry's hostname and places it (hostnames are unique in the stored inventory: its index). */
  private index(): void {
    let size = 2;
    while (size < this.count * 2) size *= 2;
    const slots = new Uint32Array(size);
    const hashes = new Uint32Array(Math.max(1, this.count));
    const mask = size - 1;
    for (let entry = 0; entry < this.count; entry += 1) {
      const bytes = this.chunks[this.chunkOf[entry]];
      const at = this.starts[entry];
      const hash = hostnameHash(bytes, at + 4, int32(bytes, at));
      hashes[entry] = hash;
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
    this.hashes = hashes;
  }
}

/** FNV-1a of `bytes[from, from + length)` lower-cased (ASCII), spread by mix. */
function hostnameHash(bytes: Uint8Array, from: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < from + length; i += 1)
    hash = Math.imul(hash ^ lower(bytes[i]), 0x01000193);
  return mix(hash);
}

/** Where the row (or end marker) starting at `at` ends, or -1 if `data[at, until)` does not hold all of it. */
function rowEnd(data: Uint8Array, at: number, until: number): number {
  if (at + 2 > until) return -1;
  const fields = (data[at] << 8) | data[at + 1];
  if (fields === 0xffff) return at + 2;
  let end = at + 2;
  for (let f = 0; f < fields; f += 1) {
    if (end + 4 > until) return -1;
    const size = int32(data, end);
    end += 4 + (size > 0 ? size : 0);
  }
  return end <= until ? end : -1;
}

/** A 32-bit big-endian integer (a field length: -1 for null). */
function int32(b: Uint8Array, at: number): number {
  return (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
}

function lower(c: number): number {
  return c >= UPPER_A && c <= UPPER_Z ? c + 32 : c;
}

/** Spreads FNV-1a's bits over the low ones, which pick the slot (murmur3's finaliser). */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

type Growable = Uint32Array;

/** A copy at least `needed` long (doubling), holding the same values. */
function grown<T extends Growable>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
