import { randomFillSync } from 'node:crypto';

const POOL_IDS = 1024;

/** Length of an id in its text form (8-4-4-4-12 hex digits). */
export const ID_LENGTH = 36;

/** ASCII codes of the two hex digits of each byte value, for writing ids without making strings. */
const HEX_PAIRS = new Uint8Array(512);
for (let i = 0; i < 256; i += 1) {
  const hex = i.toString(16).padStart(2, '0');
  HEX_PAIRS[2 * i] = hex.charCodeAt(0);
  HEX_PAIRS[2 * i + 1] = hex.charCodeAt(1);
}
const DASH = 45;

/**
 * UUIDv7 (RFC 9562) ids for imported endpoints: a 48-bit millisecond timestamp, then 74 random
 * bits. Ids made in one import are close in the primary-key index, so 200k inserts append to a
 * few leaf pages instead of touching random ones (measured: about a quarter of the database's CPU
 * for a first import, against gen_random_uuid()). Random bytes are drawn in batches.
 */
export class TimeOrderedIds {
  private readonly pool = Buffer.alloc(16 * POOL_IDS);
  private next = POOL_IDS;

  constructor(private readonly now: () => number = Date.now) {}

  id(): string {
    const at = this.nextBytes();
    const hex = this.pool.toString('hex', at, at + 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Writes the next id's text (ID_LENGTH ASCII bytes) at `offset`; returns the offset after it. */
  write(target: Uint8Array, offset: number): number {
    const at = this.nextBytes();
    const bytes = this.pool;
    let out = offset;
    for (let i = 0; i < 16; i += 1) {
      if (i === 4 || i === 6 || i === 8 || i === 10) target[out++] = DASH;
      const pair = 2 * bytes[at + i];
      target[out++] = HEX_PAIRS[pair];
      target[out++] = HEX_PAIRS[pair + 1];
    }
    return out;
  }

  /** Stamps the next 16 pool bytes as a UUIDv7 and returns where they start. */
  private nextBytes(): number {
    if (this.next === POOL_IDS) {
      randomFillSync(this.pool);
      this.next = 0;
    }
    const at = this.next * 16;
    this.next += 1;
    const bytes = this.pool;
    bytes.writeUIntBE(this.now(), at, 6);
    bytes[at + 6] = (bytes[at + 6] & 0x0f) | 0x70;
    bytes[at + 8] = (bytes[at + 8] & 0x3f) | 0x80;
    return at;
  }
}
