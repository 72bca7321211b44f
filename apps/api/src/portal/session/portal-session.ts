import type { Language, SessionClaim } from '@app/identity';
import type { FastifyRequest } from 'fastify';

/**
 * The part of @fastify/secure-session's session the portal uses. Its own typings key get/set
 * by an interface that cannot be augmented from here, hence this narrow view of it.
 */
interface SecureSession {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(): void;
  regenerate(keep?: string[]): void;
}

/** How long a portal session lasts (the encrypted cookie's expiry and its session row's). */
export const PORTAL_SESSION_SECONDS = 8 * 3600;

function sessionOf(request: FastifyRequest): SecureSession {
  return request.session as unknown as SecureSession;
}

/**
 * Signing in starts a fresh session (a new CSRF secret, nothing carried over from before the
 * login) except for the language the person already picked. It holds the user's session
 * version: once that is raised (sign-out anywhere, a password change, disabling), this
 * session's cookie no longer signs anyone in, even a copy taken before.
 */
export function startSignedInSession(request: FastifyRequest, claim: SessionClaim): void {
  const session = sessionOf(request);
  session.regenerate(['language']);
  session.set('userId', claim.userId);
  session.set('sessionVersion', claim.sessionVersion);
  session.set('sessionId', claim.sessionId);
}

/** Drops the whole session from this browser; the cookie is cleared on this response. */
export function endSession(request: FastifyRequest): void {
  sessionOf(request).delete();
}

export function setSessionLanguage(request: FastifyRequest, language: Language): void {
  sessionOf(request).set('language', language);
}

/** Whatever the session holds; the caller validates it. */
export function sessionLanguage(request: FastifyRequest): unknown {
  return sessionOf(request).get('language');
}
