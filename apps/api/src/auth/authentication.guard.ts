import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainException, isDatabaseUnavailable } from '@app/platform';
import { IS_PUBLIC } from './public.decorator';

/**
 * Global guard: public routes pass (the portal's pages are public to it and read the session
 * cookie themselves); every other route, the JSON API, takes a bearer token only (passport JWT)
 * and gets the caller's AccessScope. The API never reads the portal's session cookie: a browser
 * sends that cookie by itself, also on a request another site makes it send, while a bearer
 * token is only sent by code that holds it, so cross-site request forgery has nothing to ride on.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // The database being away is not the caller's fault: a 503 (retry), not a 401 (sign in again).
    if (isDatabaseUnavailable(error)) throw error;
    if (error || !user) throw new DomainException('UNAUTHENTICATED', 'Sign in first: a valid bearer token is required');
    return user;
  }
}
