/**
 * Writes into a Buffer from JS, which the JIT inlines, instead of through Buffer's methods:
 * writeInt32BE and friends check their arguments on every call, and Buffer#write is a native
 * call; per field, both showed in the import's profile. A Uint8Array store keeps the low 8 bits
 * of the number, so no masking is needed. Callers make sure the bytes fit.
 */

/** `value` as a big-endian 16-bit integer at `at` (negative numbers in two's complement). */
export function storeInt16(target: Buffer, at: number, value: number): void {
  target[at] = value >>> 8;
  target[at + 1] = value;
}

/** `value` as a big-endian 32-bit integer at `at` (negative numbers in two's complement: -1 is FF FF FF FF). */
export function storeInt32(target: Buffer, at: number, value: number): void {
  target[at] = value >>> 24;
  target[at + 1] = value >>> 16;
  target[at + 2] = value >>> 8;
  target[at + 3] = value;
}

/**
 * Longest string stored char by char. Measured on the bench machine: the loop costs about 3 ns a
 * char and Buffer#write about 80 ns a call plus far less per char, so the loop wins below some 25
 * characters and loses several times over at 256. The bench's rows are short enough that this
 * bound changes nothing there; it keeps long strings from paying for the loop.
 */
const LOOP_MAX_CHARS = 32;

/**
 * `value` in UTF-8 at `at`, as Buffer#write writes it; returns the number of bytes. Short ASCII
 * (most inventory text: countries, tags, products) is stored char by char. At the first
 * non-ASCII char the whole string goes to Buffer#write from the start, overwriting what the loop
 * stored, so that surrogate pairs and lone surrogates come out exactly as Buffer.from makes them.
 * The caller makes sure 3 bytes per UTF-16 code unit fit.
 */
export function storeUtf8(target: Buffer, at: number, value: string): number {
  const length = value.length;
  if (length > LOOP_MAX_CHARS) return target.write(value, at, 'utf8');
  for (let i = 0; i < length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 0x80) return target.write(value, at, 'utf8');
    target[at + i] = code;
  }
  return length;
}
