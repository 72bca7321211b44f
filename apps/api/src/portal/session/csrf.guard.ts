import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfRejectedException } from '../errors/portal-exceptions';

/**
 * Checks a portal form's `_csrf` field with @fastify/csrf-protection's own verifier (the secret
 * lives in the encrypted session). The plugin reports a bad token by calling `reply.send(error)`;
 * it is given a stand-in reply that only records that, so the portal answers with its own 403
 * page instead of the plugin's JSON.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const valid = await new Promise<boolean>((resolve) => {
      const probe = { send: (): void => resolve(false) };
      request.server.csrfProtection(request, probe as unknown as FastifyReply, () => resolve(true));
    });
    if (!valid) throw new CsrfRejectedException();
    return true;
  }
}
