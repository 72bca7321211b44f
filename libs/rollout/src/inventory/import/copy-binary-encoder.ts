import { storeInt16, storeInt32, storeUtf8 } from './byte-stores';

/** The 11-byte signature, flags (none) and header-extension length (none) of a binary COPY stream. */
const HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
const TEXT_OID = 25;
const NULL_LENGTH = -1;
/** Worst case of UTF-8 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;

/**
 * Writes rows in PostgreSQL's binary COPY format (`COPY … FROM STDIN WITH (FORMAT binary)`) into
 * large Buffers: each field is a 32-bit length and its bytes, so the server parses nothing
 * (measured on 200k endpoint rows: about an eighth less database CPU than the text format, and
 * no escaping on this side). Text goes as UTF-8 (the server converts from the client encoding).
 * Finished chunks are collected by `take()`; a row may span two chunks, which COPY allows.
 */
export class CopyBinaryEncoder {
  private chunk: Buffer;
  private pos = 0;
  private full: Buffer[] = [];
  private started = 1;

  constructor(
    private readonly chunkBytes = 256 * 1024,
    withHeader = true,
  ) {
    this.chunk = Buffer.allocUnsafe(chunkBytes);
    if (withHeader) this.encoded(HEADER);
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): void {
    this.room(2);
    storeInt16(this.chunk, this.pos, fields);
    this.pos += 2;
  }

  text(value: string): void {
    this.room(4 + value.length * MAX_BYTES_PER_CHAR);
    const length = storeUtf8(this.chunk, this.pos + 4, value);
    storeInt32(this.chunk, this.pos, length);
    this.pos += 4 + length;
  }

  nullableText(value: string | null): void {
    if (value === null) this.nullField();
    else this.text(value);
  }

  private nullField(): void {
    this.room(4);
    storeInt32(this.chunk, this.pos, NULL_LENGTH);
    this.pos += 4;
  }

  /** A one-dimensional text[] without nulls (array_recv's layout). */
  textArray(values: readonly string[]): void {
    const headerBytes = values.length === 0 ? 12 : 20;
    let bound = headerBytes;
    for (const value of values) bound += 4 + value.length * MAX_BYTES_PER_CHAR;
    this.room(4 + bound);
    const chunk = this.chunk;
    const lengthAt = this.pos;
    storeInt32(chunk, lengthAt + 4, values.length === 0 ? 0 : 1); // dimensions
    storeInt32(chunk, lengthAt + 8, 0); // no nulls
    storeInt32(chunk, lengthAt + 12, TEXT_OID);
    let at = lengthAt + 16;
    if (values.length > 0) {
      storeInt32(chunk, at, values.length);
      storeInt32(chunk, at + 4, 1); // lower bound
      at += 8;
      for (const value of values) {
        const length = storeUtf8(chunk, at + 4, value);
        storeInt32(chunk, at, length);
        at += 4 + length;
      }
    }
    storeInt32(chunk, lengthAt, at - lengthAt - 4);
    this.pos = at;
  }

  /** A field whose value is given as its binary form (e.g. the 16 bytes of a uuid). */
  binary(value: Buffer): void {
    this.room(4 + value.length);
    storeInt32(this.chunk, this.pos, value.length);
    this.pos += 4;
    this.bytes(value);
  }

  /**
   * A field written by `write` straight into the chunk: it gets the buffer and offset and must
   * write exactly `length` bytes (e.g. a uuid made in place, without an intermediate Buffer).
   */
  fixed(length: number, write: (target: Buffer, at: number) => void): void {
    this.room(4 + length);
    storeInt32(this.chunk, this.pos, length);
    this.pos += 4;
    write(this.chunk, this.pos);
    this.pos += length;
  }

  /** Already-encoded fields, copied as they are (e.g. a memoised run of constant fields). */
  encoded(fields: Buffer): void {
    this.room(fields.length);
    this.bytes(fields);
  }

  /** Makes sure the next `bytes` are written into one chunk (e.g. a whole row, to compare it in place). */
  reserve(bytes: number): void {
    this.room(bytes);
  }

  /** Where the next byte goes in the current chunk: a place to compare from or rewind to while `chunksStarted` stays the same. */
  get offset(): number {
    return this.pos;
  }

  /** Chunks begun so far: a row written since an offset began in the same chunk if this has not moved. */
  get chunksStarted(): number {
    return this.started;
  }

  /** The chunk being written (to compare what was written since an offset, in place). */
  get current(): Buffer {
    return this.chunk;
  }

  /** Drops what was written since `offset` of the current chunk (a row that is not to be sent). */
  rewind(offset: number): void {
    if (offset > this.pos) throw new RangeError('cannot rewind forwards');
    this.pos = offset;
  }

  /** Bytes ready to send: the full chunks, and with `all` the current one too. */
  take(all = false): Buffer[] {
    const ready = this.full;
    this.full = [];
    if (all && this.pos > 0) {
      ready.push(this.chunk.subarray(0, this.pos));
      this.chunk = Buffer.allocUnsafe(this.chunkBytes);
      this.pos = 0;
      this.started += 1;
    }
    return ready;
  }

  /** The end-of-data marker; `take(true)` then returns the rest. */
  end(): void {
    this.room(2);
    storeInt16(this.chunk, this.pos, -1);
    this.pos += 2;
  }

  private bytes(value: Buffer): void {
    value.copy(this.chunk, this.pos);
    this.pos += value.length;
  }

  /**
   * Makes sure `bytes` fit in the current chunk, starting a new (large enough) one if not. An
   * empty chunk is replaced under its own number, so chunks are numbered in the order they are
   * handed out (see `take`).
   */
  private room(bytes: number): void {
    if (this.pos + bytes <= this.chunk.length) return;
    if (this.pos > 0) {
      this.full.push(this.chunk.subarray(0, this.pos));
      this.started += 1;
    }
    this.chunk = Buffer.allocUnsafe(Math.max(this.chunkBytes, bytes));
    this.pos = 0;
  }
}

/** Encodes fields once, for runs of values that repeat across rows (no stream header). */
export function encodeFields(write: (encoder: CopyBinaryEncoder) => void): Buffer {
  const encoder = new CopyBinaryEncoder(1024, false);
  write(encoder);
  return Buffer.concat(encoder.take(true));
}
