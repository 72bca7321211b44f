const EMPTY = 0;
const UPPER_A = 65;
const UPPER_Z = 90;
const ASCII_END = 0x80;

/**
 * The hostnames an import has seen, compared case-insensitively, each with the line it was first
 * on. A Map of 200k strings cost a fifth of the import's Node time and kept every input chunk the
 * hostnames were sliced from alive; here the lower-cased names are bytes in one growing array and
 * an open-addressing table of entry numbers finds them. Exact: a hash match is confirmed byte by
 * byte. Hostnames are ASCII (the validator's pattern); anything else is refused.
 */
export class HostnameIndex {
  /** Entry number + 1 per slot (0: empty); linear probing, at most half full. */
  private slots: Uint32Array;
  /** Per entry: its hash, where its bytes start (entry i ends where i + 1 starts) and its line. */
  private hashes: Uint32Array;
  private offsets: Uint32Array;
  private lines: Float64Array;
  private bytes: Uint8Array;
  private count = 0;

  /** `hashMask` is for tests: narrowing it forces collisions. */
  constructor(
    initialSlots = 1024,
    private readonly hashMask = 0xffffffff,
  ) {
    const slots = Math.max(2, 2 ** Math.ceil(Math.log2(initialSlots)));
    this.slots = new Uint32Array(slots);
    this.hashes = new Uint32Array(slots / 2);
    this.offsets = new Uint32Array(slots / 2 + 1);
    this.lines = new Float64Array(slots / 2);
    this.bytes = new Uint8Array(slots * 16);
  }

  get size(): number {
    return this.count;
  }

  /** Records `hostname` as first seen on `line`; if it was seen before (in any case), returns that line instead. */
  add(hostname: string, line: number): number | undefined {
    const start = this.offsets[this.count];
    const length = hostname.length;
    if (start + length > this.bytes.length) this.bytes = grown(this.bytes, start + length);
    // Lower-case into the free space after the last entry while hashing (FNV-1a); kept only if new.
    const bytes = this.bytes;
    let hash = 0x811c9dc5;
    for (let i = 0; i < length; i += 1) {
      let c = hostname.charCodeAt(i);
      if (c >= ASCII_END) throw new RangeError(`hostname "${hostname}" is not ASCII`);
      if (c >= UPPER_A && c <= UPPER_Z) c += 32;
      bytes[start + i] = c;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    hash = (mix(hash) & this.hashMask) >>> 0;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) {
        this.insert(slot, hash, start + length, line);
        return undefined;
      }
      if (this.hashes[entry] === hash && this.equals(entry, start, length))
        return this.lines[entry];
    }
  }

  private equals(entry: number, start: number, length: number): boolean {
    const from = this.offsets[entry];
    if (this.offsets[entry + 1] - from !== length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < length; i += 1) if (bytes[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private insert(slot: number, hash: number, end: number, line: number): void {
    const entry = this.count;
    if (entry === this.hashes.length) {
      this.hashes = grown(this.hashes, entry + 1);
      this.offsets = grown(this.offsets, entry + 2);
      this.lines = grown(this.lines, entry + 1);
    }
    this.slots[slot] = entry + 1;
    this.hashes[entry] = hash;
    this.lines[entry] = line;
    this.offsets[entry + 1] = end;
    this.count = entry + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  /** Twice the slots; entries keep their numbers and hashes, only their slots move. */
  private rehash(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry += 1) {
      let slot = this.hashes[entry] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

/** Spreads FNV-1a's bits over the low ones, which pick the slot (murmur3's finaliser). */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

type Growable = Uint8Array | Uint32Array | Float64Array;

/** A copy at least `needed` long (doubling), holding the same values. */
function grown<T extends Growable>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
