import { Injectable } from '@nestjs/common';
import { User, UserSessionAuthMethod, UserSessionsService } from '@app/identity';
import type { FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { PORTAL_SESSION_SECONDS, startSignedInSession } from './portal-session';

/** Starts a portal session: its row (listed on /account/sessions, endable alone), then the cookie. */
@Injectable()
export class PortalSignIn {
  constructor(private readonly sessions: UserSessionsService) {}

  async start(
    request: FastifyRequest,
    user: Pick<User, 'id' | 'organisationId' | 'sessionVersion'>,
    authMethod: UserSessionAuthMethod = 'password',
  ): Promise<void> {
    const sessionId = await this.sessions.start({
      userId: user.id,
      organisationId: user.organisationId,
      kind: 'portal',
      authMethod,
      ttlSeconds: PORTAL_SESSION_SECONDS,
      ...requestMeta(request),
    });
    startSignedInSession(request, {
      userId: user.id,
      sessionVersion: user.sessionVersion,
      sessionId,
    });
  }
}
