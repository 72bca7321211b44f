import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AccessScope, ScopeService } from '@app/identity';
import { DomainException, isDatabaseUnavailable } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from './public.decorator';
import { requestMeta } from './request-meta';
import { sessionUserId } from './session-user';

/**
 * Global guard: public routes pass; the portal's session cookie or a bearer JWT (passport)
 * identifies everyone else, and the request gets the caller's AccessScope.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly scopes: ScopeService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    const userId = request.headers.authorization ? null : sessionUserId(request);
    if (userId) {
      const grant = await this.scopes.grantFor(userId);
      if (grant) request.user = AccessScope.of(grant, requestMeta(request));
    }
    if (isPublic || request.user) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // The database being away is not the caller's fault: a 503 (retry), not a 401 (sign in again).
    if (isDatabaseUnavailable(error)) throw error;
    if (error || !user) throw new DomainException('UNAUTHENTICATED', 'Sign in first: a valid bearer token or session is required');
    return user;
  }
}
