import type { Language, OrganisationKind, Role } from './roles';

/** Who did it and from where, written into every audit record. */
export interface Actor {
  userId: string | null;
  organisationId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface ScopeGrant {
  userId: string;
  email: string;
  organisationId: string | null;
  organisationKind: OrganisationKind | null;
  roles: Role[];
  countryCodes: string[];
  /** The user's language, for texts the API renders (step titles, gate reasons). */
  language: Language;
  /** The IANA time zone the user reads times in (see readerZone). */
  timeZone: string;
  /** The session or token this request came with (not set for API keys). */
  sessionId?: string;
  /** Set when the caller is an API key acting for its maker: what it may do and where. */
  apiKey?: ApiKeyGrant;
  /**
   * The person must have a second factor and this session does not meet it (see mfaSatisfied in
   * libs/identity): it reaches only the enrolment routes and pages. Never set for API keys.
   */
  mfaEnrolmentRequired?: boolean;
}

export interface ApiKeyGrant {
  id: string;
  scopes: readonly string[];
  /** The one engagement the key is for; null: every engagement its maker sees. */
  engagementId: string | null;
}

const SCOPE_BRAND: unique symbol = Symbol('AccessScope');

/**
 * What a caller may see. Only the authentication layer builds one (from the signed-in user's
 * memberships), and every repository method that reads customer data takes it as its first
 * argument, so there is no unscoped path from a controller to customer data.
 */
export class AccessScope {
  readonly [SCOPE_BRAND] = true;

  private constructor(
    readonly grant: ScopeGrant,
    readonly actor: Actor,
  ) {}

  static of(
    grant: ScopeGrant,
    request: { ip: string | null; userAgent: string | null },
  ): AccessScope {
    return new AccessScope(grant, {
      userId: grant.userId,
      organisationId: grant.organisationId,
      ip: request.ip,
      userAgent: request.userAgent,
    });
  }

  get userId(): string {
    return this.grant.userId;
  }

  get organisationId(): string | null {
    return this.grant.organisationId;
  }

  get language(): Language {
    return this.grant.language;
  }

  get timeZone(): string {
    return this.grant.timeZone;
  }

  get roles(): readonly Role[] {
    return this.grant.roles;
  }

  has(...roles: Role[]): boolean {
    return roles.some((role) => this.grant.roles.includes(role));
  }

  /** The key this request authenticated with, or null for a person's session or token. */
  get apiKey(): ApiKeyGrant | null {
    return this.grant.apiKey ?? null;
  }

  /** True while the person must set up a second factor before anything else (see ScopeGrant). */
  get mfaEnrolmentRequired(): boolean {
    return this.grant.mfaEnrolmentRequired === true;
  }

  get isPlatformAdmin(): boolean {
    return this.has('platform_admin');
  }
}

/** Work done by the system itself (seeding, schedulers), recorded as such in the audit log. */
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  organisationId: null,
  ip: null,
  userAgent: 'system',
};
