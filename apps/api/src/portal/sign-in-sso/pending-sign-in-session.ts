import type { PendingOidcSignIn } from '@app/identity';
import type { FastifyRequest } from 'fastify';

const KEY = 'ssoPending';

interface SsoSession {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

function sessionOf(request: FastifyRequest): SsoSession {
  return request.session as unknown as SsoSession;
}

/** Kept in the encrypted session cookie between sending the person to their provider and their return. */
export function rememberPendingSignIn(request: FastifyRequest, pending: PendingOidcSignIn): void {
  sessionOf(request).set(KEY, pending);
}

/** The pending sign-in, removed from the session: a callback can use it once. */
export function takePendingSignIn(request: FastifyRequest): PendingOidcSignIn | null {
  const value = sessionOf(request).get(KEY) as Partial<PendingOidcSignIn> | undefined;
  sessionOf(request).set(KEY, undefined);
  if (
    !value ||
    typeof value.state !== 'string' ||
    typeof value.nonce !== 'string' ||
    typeof value.codeVerifier !== 'string' ||
    typeof value.organisationId !== 'string'
  )
    return null;
  return {
    organisationId: value.organisationId,
    state: value.state,
    nonce: value.nonce,
    codeVerifier: value.codeVerifier,
  };
}
