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
/** How much of the next chunk completes a row split by a chunk end (rows are rarely over 1 kB). */
const SPLIT_ROW_HEAD = 8192;

/**
 * An engagement's stored endpoints as binary COPY rows (COMPARED_COLUMNS), found by hostname
 * ignoring ASCII case, so that a re-import can leave out the rows it would not change before they
 * reach the database. Only a filter: a row whose bytes equal its stored row's is equal to it (binary
 * send is a function of the value, and text compares byte-wise), and every other row still goes to
 * the merge, which decides with the database's own comparison. The rows are read into one growing
 * byte array, each row's fields kept where they arrived; an open-addressing table of entry numbers
 * finds them (as HostnameIndex does for the file's hostnames).
 */
export class StoredRows {
  /** The chunks as received (rows stay where they arrived; one split by a chunk end gets its own). */
  private chunks: Buffer[] = [];
  /** The unread end of the last chunk: the start of a row whose rest is still to come. */
  private carry: Buffer | null = null;
  private headerRead = false;
  private ended = false;
  /** Per entry: its chunk, where its fields start (after the field count) and end, and its hash. */
  private chunkOf = new Uint32Array(1024);
  private starts = new Uint32Array(1024);
  private ends = new Uint32Array(1024);
  private hashes = new Uint32Array(1024);
  /** Entry number + 1 per slot (0: empty); linear probing, at most half full. */
  private slots = new Uint32Array(2048);
  private count = 0;

  /** Reads the engagement's endpoints (under the import's lock, so they hold until it commits). */
  static async read(client: PoolClient, engagementId: string): Promise<StoredRows> {
    const rows = new StoredRows();
    const copy = client.query(
      copyTo(
        `COPY (SELECT ${COMPARED_COLUMNS} FROM endpoint WHERE engagement_id = ${client.escapeLiteral(engagementId)}) TO STDOUT WITH (FORMAT binary)`,
      ),
    );
    for await (const chunk of copy) rows.write(chunk as Buffer);
    rows.end();
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

  /** The entry whose hostname equals `hostname` in ASCII case-insensitively; -1 if none. */
  find(hostname: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < hostname.length; i += 1)
      hash = Math.imul(hash ^ lower(hostname.charCodeAt(i)), 0x01000193);
    hash = mix(hash);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] === hash && this.hostnameIs(entry, hostname)) return entry;
    }
  }

  /** Whether `source[start, end)` holds exactly the stored fields of `entry`. */
  sameAs(entry: number, source: Buffer, start: number, end: number): boolean {
    const from = this.starts[entry];
    const to = this.ends[entry];
    return (
      to - from === end - start &&
      source.compare(this.chunks[this.chunkOf[entry]], from, to, start, end) === 0
    );
  }

  private hostnameIs(entry: number, hostname: string): boolean {
    const bytes = this.chunks[this.chunkOf[entry]];
    const at = this.starts[entry];
    if (int32(bytes, at) !== hostname.length) return false;
    for (let i = 0; i < hostname.length; i += 1)
      if (lower(bytes[at + 4 + i]) !== lower(hostname.charCodeAt(i))) return false;
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
      this.add(chunk, data, at + 2, end);
      used = true;
      at = end;
    }
    if (used) this.chunks.push(data);
    if (!this.ended && at < until) this.carry = data.subarray(at, until);
  }

  private add(chunk: number, data: Buffer, start: number, end: number): void {
    const entry = this.count;
    if (entry === this.starts.length) {
      this.chunkOf = grown(this.chunkOf, entry + 1);
      this.starts = grown(this.starts, entry + 1);
      this.ends = grown(this.ends, entry + 1);
      this.hashes = grown(this.hashes, entry + 1);
    }
    const length = int32(data, start);
    let hash = 0x811c9dc5;
    for (let i = start + 4; i < start + 4 + length; i += 1)
      hash = Math.imul(hash ^ lower(data[i]), 0x01000193);
    this.chunkOf[entry] = chunk;
    this.starts[entry] = start;
    this.ends[entry] = end;
    this.hashes[entry] = mix(hash);
    this.count = entry + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(entry);
  }

  /** Twice the slots; every entry placed again. */
  private rehash(): void {
    this.slots = new Uint32Array(this.slots.length * 2);
    for (let entry = 0; entry < this.count; entry += 1) this.place(entry);
  }

  /** Hostnames are unique in the stored inventory (its index), so no entry is looked for here. */
  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[entry] & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }
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
