import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>` of HMAC-SHA256 over the raw body, as inbound-mail webhooks sign it. */
export function signInbound(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time check of the X-Signature header; a missing secret or header never passes. */
export function verifyInboundSignature(
  secret: string | null,
  body: Buffer,
  header: string | undefined,
): boolean {
  if (!secret || !header) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from((match[1] ?? '').toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
