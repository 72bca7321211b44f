import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfRejectedException } from '../errors/portal-exceptions';

/**
 * Checks a CSRF token with @fastify/csrf-protection's own verifier (the secret lives in the
 * encrypted session). The plugin reports a bad token by calling `reply.send(error)`; it is given
 * a stand-in reply that only records that, so the portal answers with its own 403 page instead
 * of the plugin's JSON. `token` is for forms whose body is not parsed up front (multipart
 * uploads read their `_csrf` field from the stream); otherwise the parsed body's `_csrf` is used.
 */
export function csrfTokenValid(request: FastifyRequest, token?: string): Promise<boolean> {
  if (token !== undefined) (request as { body: unknown }).body = { _csrf: token };
  return new Promise<boolean>((resolve) => {
    const probe = { send: (): void => resolve(false) };
    request.server.csrfProtection(request, probe as unknown as FastifyReply, () => resolve(true));
  });
}

/** Guards a portal form's POST: its `_csrf` field must be valid. */
@Injectable()
export class CsrfGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!(await csrfTokenValid(context.switchToHttp().getRequest<FastifyRequest>())))
      throw new CsrfRejectedException();
    return true;
  }
}
