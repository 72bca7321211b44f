import type { SessionClaim } from '@app/identity';
import type { FastifyRequest } from 'fastify';

/** What the portal keeps in its encrypted session cookie. */
export interface PortalSession {
  userId?: string;
  /** The user's session version at sign-in; raising it (sign-out anywhere) ends this session. */
  sessionVersion?: number;
  /** Its user_session row, which the person can end on its own. */
  sessionId?: string;
  language?: string;
}

type SessionLike = {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(): void;
};

function portalSession(request: FastifyRequest): SessionLike | null {
  const session = (request as FastifyRequest & { session?: SessionLike }).session;
  return session ?? null;
}

/** Who the portal session names, with the session version it was started under; null when none. */
export function sessionClaim(request: FastifyRequest): SessionClaim | null {
  const session = portalSession(request);
  const userId = session?.get('userId');
  const sessionVersion = session?.get('sessionVersion');
  const sessionId = session?.get('sessionId');
  if (
    typeof userId !== 'string' ||
    typeof sessionVersion !== 'number' ||
    !Number.isInteger(sessionVersion) ||
    typeof sessionId !== 'string'
  )
    return null;
  return { userId, sessionVersion, sessionId };
}
