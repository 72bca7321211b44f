import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiKeyAuthenticator, IdentityError } from '@app/identity';
import { DomainException, ForbiddenException, isDatabaseUnavailable } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { AccessScope } from '@app/identity';
import { requestMeta } from './request-meta';
import { routeMarks } from './route-marks';

/**
 * Global guard: public routes pass (the portal's pages are public to it and read the session
 * cookie themselves); every other route, the JSON API, takes a bearer token only (passport JWT)
 * and gets the caller's AccessScope. The API never reads the portal's session cookie: a browser
 * sends that cookie by itself, also on a request another site makes it send, while a bearer
 * token is only sent by code that holds it, so cross-site request forgery has nothing to ride on.
 *
 * A bearer that is an API key (`mdrk_…`) is checked here instead: unknown, revoked or expired
 * answers 401; a route whose `@ApiKeyScope` the key lacks, or that names none, answers 403.
 * Every use, refused or not, is recorded. A public route that names a scope (the detection
 * webhook) also takes a key.
 *
 * A person's session that does not meet the MFA policy (ScopeGrant.mfaEnrolmentRequired)
 * reaches only the routes marked @MfaEnrolmentRoute; API keys are not sessions and pass.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyAuthenticator,
  ) {
    super();
  }

  // Not async: a public route without a key answers synchronously, so Nest awaits no promise.
  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { isPublic, apiKeyScope: keyScope } = routeMarks(this.reflector, context);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>();
    const key = bearerApiKey(request);
    if (key !== null && !(isPublic && !keyScope))
      return this.authenticateKey(request, key, keyScope);
    if (isPublic) return true;
    return this.authenticateBearer(context, request);
  }

  private async authenticateBearer(
    context: ExecutionContext,
    request: FastifyRequest & { user?: unknown },
  ): Promise<boolean> {
    const authenticated = (await super.canActivate(context)) as boolean;
    const scope = request.user;
    if (
      scope instanceof AccessScope &&
      scope.mfaEnrolmentRequired &&
      !routeMarks(this.reflector, context).mfaEnrolmentRoute
    ) {
      throw new IdentityError(
        'MFA_ENROLMENT_REQUIRED',
        'Two-step sign-in is required for this account: set up an authenticator app first (POST /api/me/mfa/totp)',
      );
    }
    return authenticated;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // The database being away is not the caller's fault: a 503 (retry), not a 401 (sign in again).
    if (isDatabaseUnavailable(error)) throw error;
    if (error || !user)
      throw new DomainException(
        'UNAUTHENTICATED',
        'Sign in first: a valid bearer token is required',
      );
    return user;
  }

  private async authenticateKey(
    request: FastifyRequest & { user?: unknown },
    key: string,
    keyScope: string | undefined,
  ): Promise<boolean> {
    const scope = await this.keys.authenticate(key, requestMeta(request));
    if (!scope?.apiKey)
      throw new DomainException('UNAUTHENTICATED', 'This API key is unknown, revoked or expired');
    const allowed = keyScope !== undefined && scope.apiKey.scopes.includes(keyScope);
    await this.keys.recordUse(scope, {
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      allowed,
    });
    if (!allowed) {
      throw new ForbiddenException(
        keyScope
          ? `This API key lacks the scope ${keyScope}`
          : 'API keys may not be used on this route',
      );
    }
    request.user = scope;
    return true;
  }
}

/** The API key a request carries as its bearer, or null (no bearer, or a token of another kind). */
function bearerApiKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match && ApiKeyAuthenticator.looksLikeKey(match[1]) ? match[1] : null;
}
