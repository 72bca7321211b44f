import { Injectable } from '@nestjs/common';
import {
  AccessScope,
  Language,
  OrganisationKind,
  OrganisationService,
  Role,
  ScopeService,
  UserService,
} from '@app/identity';
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
 * The answer is kept per request: the controller and the layout ask for it once each.
 */
@Injectable()
export class PortalViewerService {
  private readonly cache = new WeakMap<FastifyRequest, Promise<PortalViewer | null>>();

  constructor(
    private readonly scopes: ScopeService,
    private readonly users: UserService,
    private readonly organisations: OrganisationService,
  ) {}

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
    const { userId } = claim;
    const grant = await this.scopes.grantFor(claim);
    const scope = grant ? AccessScope.of(grant, requestMeta(request)) : null;
    const user = scope ? await this.users.view(userId) : null;
    if (!scope || !user) return null;
    const organisation = user.organisationId
      ? await this.organisations.get(scope, user.organisationId)
      : null;
    return {
      scope,
      userId,
      displayName: user.displayName,
      email: user.email,
      language: user.language,
      roles: scope.roles,
      organisation: organisation && {
        id: organisation.id,
        name: organisation.name,
        kind: organisation.kind,
      },
    };
  }
}
