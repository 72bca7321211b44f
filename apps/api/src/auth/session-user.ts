import type { FastifyRequest } from 'fastify';

/** What the portal keeps in its encrypted session cookie. */
export interface PortalSession {
  userId?: string;
  language?: string;
}

type SessionLike = { get(key: string): unknown; set(key: string, value: unknown): void; delete(): void };

export function portalSession(request: FastifyRequest): SessionLike | null {
  const session = (request as FastifyRequest & { session?: SessionLike }).session;
  return session ?? null;
}

export function sessionUserId(request: FastifyRequest): string | null {
  const value = portalSession(request)?.get('userId');
  return typeof value === 'string' ? value : null;
}
