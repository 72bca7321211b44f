import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Wrong entries allowed for one code; the next wrong entry kills it. */
export const CODE_MAX_ATTEMPTS = 5;
/** How long an emailed code lives. */
export const CODE_TTL_MS = 10 * 60 * 1000;

/** Six random digits (0-padded). */
export function newSigningCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * HMAC-SHA256 keyed with a server secret and bound to the request: a leaked table alone does
 * not give the codes away (a bare hash of six digits would, in a million tries).
 */
export function hashSigningCode(secret: string, requestId: string, code: string): string {
  return createHmac('sha256', secret)
    .update(`signing-code:${requestId}:${code.trim()}`)
    .digest('hex');
}

export interface CodeState {
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeAttempts: number;
}

export type CodeVerdict =
  | { outcome: 'ok' }
  /** No live code: none was sent, it expired, or it was used up (a new one must be requested). */
  | { outcome: 'none' | 'expired' }
  | { outcome: 'wrong'; attempts: number; remaining: number; dead: boolean };

/** Judges an entered code (already hashed) against the stored state; pure, for the tables of cases. */
export function judgeCode(
  state: CodeState,
  enteredHash: string,
  now: Date,
  maxAttempts = CODE_MAX_ATTEMPTS,
): CodeVerdict {
  if (!state.codeHash || state.codeAttempts >= maxAttempts) return { outcome: 'none' };
  if (!state.codeExpiresAt || state.codeExpiresAt.getTime() <= now.getTime())
    return { outcome: 'expired' };
  const a = Buffer.from(state.codeHash, 'hex');
  const b = Buffer.from(enteredHash, 'hex');
  if (a.length === b.length && timingSafeEqual(a, b)) return { outcome: 'ok' };
  const attempts = state.codeAttempts + 1;
  return {
    outcome: 'wrong',
    attempts,
    remaining: Math.max(0, maxAttempts - attempts),
    dead: attempts >= maxAttempts,
  };
}
