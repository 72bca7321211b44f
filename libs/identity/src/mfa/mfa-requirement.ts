import { PROVIDER_ROLES } from '@app/access';
import type { OrganisationKind, Role } from '@app/access';

/**
 * How the person of a session proved who they are. Only passwords (with a second factor when
 * they have one) today; an SSO sign-in names 'sso' (its identity provider enforces its factors).
 */
export type AuthMethod = 'password' | 'sso';

/** What decides whether a person must have a second factor. */
export interface MfaPolicyFacts {
  /** Their organisation's "require MFA for all users". */
  organisationRequiresMfa: boolean;
  organisationKind: OrganisationKind | null;
  roles: readonly Role[];
  /** MFA_REQUIRED_FOR_PROVIDER: provider staff and platform admins must have one. */
  providerRule: boolean;
}

/** What a session has to meet the requirement with. */
export interface MfaSessionFacts {
  authMethod: AuthMethod;
  /** A confirmed second factor of the person (an authenticator app or a passkey). */
  hasSecondFactor: boolean;
}

/**
 * SQL: the user `userAlias` has a confirmed second factor. The one definition of "has a factor"
 * for the per-request check, the sign-in check and the organisation's count (a new kind of
 * factor is added here).
 */
export function hasSecondFactorSql(userAlias: string): string {
  return `(EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = ${userAlias}.id AND t.confirmed_at IS NOT NULL) OR EXISTS (SELECT 1 FROM user_passkey p WHERE p.user_id = ${userAlias}.id))`;
}

export function mfaRequired(facts: MfaPolicyFacts): boolean {
  if (facts.organisationRequiresMfa) return true;
  if (!facts.providerRule) return false;
  return (
    facts.organisationKind === 'provider' ||
    facts.roles.some((role) => role === 'platform_admin' || PROVIDER_ROLES.includes(role))
  );
}

/**
 * The one place that decides whether a session meets an MFA requirement: an SSO sign-in does
 * (the identity provider is trusted with the factors), a password sign-in when the person has a
 * second factor, which every later password sign-in of theirs then asks for (LoginService).
 */
export function mfaSatisfied(session: MfaSessionFacts): boolean {
  return session.authMethod === 'sso' || session.hasSecondFactor;
}

/** The person must set up a second factor before this session reaches anything else. */
export function mfaEnrolmentRequired(policy: MfaPolicyFacts, session: MfaSessionFacts): boolean {
  return mfaRequired(policy) && !mfaSatisfied(session);
}
