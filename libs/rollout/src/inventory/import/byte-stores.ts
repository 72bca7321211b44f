/**
 * Writes into a Buffer by plain byte stores, which the JIT inlines: Buffer's writeInt32BE and
 * friends check their arguments on every call, and per field that showed in the import's profile.
 * A Uint8Array store keeps the low 8 bits of the number, so no masking is needed. Callers make
 * sure the bytes fit.
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

