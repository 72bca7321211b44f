import type { FastifyRequest } from 'fastify';

/**
 * What the "forgot password" limit counts: the address asked about (read before validation, so
 * anything odd counts under one key), so nobody floods one person's mailbox from many addresses.
 */
export function passwordResetKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
}
