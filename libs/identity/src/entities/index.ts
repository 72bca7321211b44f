import { UserRecoveryCode } from './user-recovery-code.entity';
import { UserTotp } from './user-totp.entity';
import { UserPasskey } from './user-passkey.entity';
import { WebauthnChallenge } from './webauthn-challenge.entity';
import { UserSession } from './user-session.entity';
import { ApiKey } from './api-key.entity';
import { Engagement } from './engagement.entity';
import { EngagementAssignment } from './engagement-assignment.entity';
import { LoginFailure } from './login-failure.entity';
import { LoginKnownAddress } from './login-known-address.entity';
import { Membership } from './membership.entity';
import { OneTimeToken } from './one-time-token.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';
import { OrganisationSso } from './organisation-sso.entity';
import { OrganisationSsoDomain } from './organisation-sso-domain.entity';
import { SsoSignInAttempt } from './sso-sign-in-attempt.entity';
import { UserSsoLink } from './user-sso-link.entity';

export {
  UserPasskey,
  WebauthnChallenge,
  UserRecoveryCode,
  UserTotp,
  UserSession,
  ApiKey,
  Engagement,
  EngagementAssignment,
  LoginFailure,
  LoginKnownAddress,
  Membership,
  OneTimeToken,
  Organisation,
  User,
  OrganisationSso,
  OrganisationSsoDomain,
  SsoSignInAttempt,
  UserSsoLink,
};
export * from './engagement.entity';

export const IDENTITY_ENTITIES = [
  Organisation,
  User,
  Membership,
  Engagement,
  EngagementAssignment,
  LoginFailure,
  LoginKnownAddress,
  OneTimeToken,
  ApiKey,
  UserSession,
  UserTotp,
  UserRecoveryCode,
  OrganisationSso,
  OrganisationSsoDomain,
  SsoSignInAttempt,
  UserSsoLink,
  UserPasskey,
  WebauthnChallenge,
];
export type { UserSessionKind, UserSessionAuthMethod } from './user-session.entity';
export type { WebauthnPurpose } from './webauthn-challenge.entity';
