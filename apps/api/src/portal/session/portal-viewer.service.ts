import { Injectable } from '@nestjs/common';
import { AccessScope, Language, OrganisationKind, Role, ScopeService } from '@app/identity';
import type { FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { sessionClaim } from '../../auth/session-user';
import {
  MfaEnrolmentRequiredException,
  SignInRequiredException,
} from '../errors/portal-exceptions';

/** The signed-in person as the portal's pages see them. */
export interface PortalViewer {
  scope: AccessScope;
  userId: string;
  displayName: string;
  email: string;
  language: Language;
  roles: readonly Role[];
  organisation: { id: string; name: string; kind: OrganisationKind } | null;
}

/**
 * Finds the person behind the portal's session cookie. Portal routes are public to the global
 * guard (so they can redirect to /login rather than answer 401 JSON) and check here instead;
 * a session its user has ended since (sign-out elsewhere, password change, disabled) finds no one.
 * The answer is kept per request: the controller and the layout ask for it once each; between
 * requests the session's grant and names are kept by the GrantCache, dropped by any change to
 * the tables they are read from.
 */
@Injectable()
export class PortalViewerService {
  private readonly cache = new WeakMap<FastifyRequest, Promise<PortalViewer | null>>();

  constructor(private readonly scopes: ScopeService) {}

  find(request: FastifyRequest): Promise<PortalViewer | null> {
    let found = this.cache.get(request);
    if (!found) {
      found = this.load(request);
      this.cache.set(request, found);
    }
    return found;
  }

  /** The signed-in person; a session that must first set up a second factor is sent to do so. */
  async require(request: FastifyRequest): Promise<PortalViewer> {
    const viewer = await this.requireForEnrolment(request);
    if (viewer.scope.mfaEnrolmentRequired) throw new MfaEnrolmentRequiredException();
    return viewer;
  }

  /** The signed-in person, also while they must set up a second factor (the enrolment page only). */
  async requireForEnrolment(request: FastifyRequest): Promise<PortalViewer> {
    const viewer = await this.find(request);
    if (!viewer) throw new SignInRequiredException();
    return viewer;
  }

  private async load(request: FastifyRequest): Promise<PortalViewer | null> {
    const claim = sessionClaim(request);
    if (!claim) return null;
    // The grant and the names come from one statement, kept between requests (GrantCache).
    const session = await this.scopes.sessionFor(claim);
    if (!session) return null;
    const { grant } = session;
    const scope = AccessScope.of(grant, requestMeta(request));
    return {
      scope,
      userId: grant.userId,
      displayName: session.displayName,
      email: grant.email,
      language: grant.language,
      roles: scope.roles,
      organisation:
        grant.organisationId && grant.organisationKind && session.organisationName !== null
          ? {
              id: grant.organisationId,
              name: session.organisationName,
              kind: grant.organisationKind,
            }
          : null,
    };
  }
}
