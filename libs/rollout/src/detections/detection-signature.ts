import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-signature';

/** A webhook secret: 256 random bits, base64url. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function signBody(secret: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * `X-Signature: sha256=<hex>` over the exact raw body, compared in constant time. A missing or
 * malformed header, or no secret, is simply not valid.
 */
export function verifySignature(
  secret: string | null,
  rawBody: Buffer,
  header: string | undefined,
): boolean {
  if (secret === null || header === undefined) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (match === null || match[1] === undefined) return false;
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
