import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AccessScope, ScopeService } from '@app/identity';
import { APP_CONFIG, AppConfig } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { requestMeta } from './request-meta';

export interface AccessTokenClaims {
  sub: string;
  /** The user's session version when it was issued; a later sign-out or password change ends it. */
  ver: number;
  /** Its user_session row, which the person can end on its own. */
  sid: string;
}

/**
 * Bearer tokens: a short-lived JWT naming the user and their session version; the scope is
 * rebuilt from the database, which also refuses a token its user has ended (see ScopeService).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly scopes: ScopeService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A prepared key object: given a string, jsonwebtoken first tries (and fails) to parse it as
      // a public key on every request, which costs most of a millisecond.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, claims: AccessTokenClaims): Promise<AccessScope | false> {
    if (
      typeof claims.sub !== 'string' ||
      !Number.isInteger(claims.ver) ||
      typeof claims.sid !== 'string'
    )
      return false;
    const grant = await this.scopes.grantFor({
      userId: claims.sub,
      sessionVersion: claims.ver,
      sessionId: claims.sid,
    });
    return grant ? AccessScope.of(grant, requestMeta(request)) : false;
  }
}
