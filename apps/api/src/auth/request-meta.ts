import type { FastifyRequest } from 'fastify';

/** The client's address and agent, as written into audit records. */
export function requestMeta(request: FastifyRequest): {
  ip: string | null;
  userAgent: string | null;
} {
  const agent = request.headers['user-agent'];
  return {
    ip: request.ip ?? null,
    userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null,
  };
}
