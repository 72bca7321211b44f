import { createHash, randomBytes } from 'node:crypto';

/** The OneTimeToken purpose of domain-permission confirmation links. */
export const DOMAIN_CONFIRMATION_PURPOSE = 'domain-permission';
/** The OneTimeToken subject type: the token's subject id is the confirmation's id. */
export const DOMAIN_CONFIRMATION_SUBJECT = 'domain_confirmation';

/** What a token must still be bound to when it is used (ACME-style: one request, one recipient). */
export interface TokenRecordFacts {
  subjectType: string;
  subjectId: string;
  recipient: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface ConfirmationFacts {
  id: string;
  recipient: string;
  status: string;
  expiresAt: Date | null;
}

/** Why a token cannot be used; the public page shows the same text for every reason. */
export type TokenProblem = 'used' | 'expired' | 'unbound' | 'closed';

/**
 * Checks a looked-up token against the confirmation it names: same request, same recipient
 * (case-insensitive), still unused and unexpired, and the request still waiting for an answer.
 */
export function tokenProblem(
  token: TokenRecordFacts,
  confirmation: ConfirmationFacts,
  now: Date,
): TokenProblem | null {
  if (token.usedAt !== null) return 'used';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (confirmation.expiresAt !== null && confirmation.expiresAt.getTime() <= now.getTime())
    return 'expired';
  if (token.subjectType !== DOMAIN_CONFIRMATION_SUBJECT || token.subjectId !== confirmation.id)
    return 'unbound';
  if (token.recipient.toLowerCase() !== confirmation.recipient.toLowerCase()) return 'unbound';
  if (confirmation.status !== 'sent') return 'closed';
  return null;
}

/** A token's shape before any lookup: 32 random bytes in base64url are 43 characters. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** A short code for subjects and bodies of replies: "MDR-" and 10 base32 characters (50 bits). */
export function newReferenceCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(10);
  return `MDR-${Array.from(bytes, (b) => alphabet[b % 32]).join('')}`;
}

export const REFERENCE_CODE_PATTERN = /\bMDR-[A-Z2-7]{10}\b/g;

/** SHA-256 (hex) of the UTF-8 bytes: what an approval binds to. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
