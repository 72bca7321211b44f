import { DomainException } from '@app/platform';

/** Why identity refuses (sign-in, users, engagements, the authenticator app). */
export const IDENTITY_ERROR_CODES = [
  /** Email and password (or code) do not match. */
  'INVALID_CREDENTIALS',
  /** The password was right; the account also needs its authenticator code (`otp`). */
  'MFA_REQUIRED',
  /** The password was right, but the account must have a second factor and has none yet: set one up first. */
  'MFA_ENROLMENT_REQUIRED',
  /** Removing the person's last second factor while their organisation requires one. */
  'MFA_LAST_FACTOR',
  'EMAIL_TAKEN',
  /** An invitation or password-reset link that is unknown, used, expired or for a disabled user. */
  'LINK_INVALID',
  /** An invitation must name a customer with declared email domains. */
  'CUSTOMER_HAS_NO_EMAIL_DOMAINS',
  'ENGAGEMENT_EXISTS',
  /** Nobody disables or enables their own account. */
  'CANNOT_CHANGE_OWN_ACCESS',
  'MFA_ALREADY_ENABLED',
  /** Confirming an authenticator app that was never started. */
  'MFA_NOT_STARTED',
  /** The person's organisation signs in through its own provider only (single sign-on): no password, no reset. */
  'PASSWORD_SIGN_IN_DISABLED',
  /** A sign-in through an organisation's provider was refused; `details.reason` says why. */
  'SSO_REFUSED',
  /** A person may register only so many passkeys. */
  'PASSKEY_LIMIT',
  /** A passkey was asked for, but the person has none. */
  'NO_PASSKEY',
  /** The person re-authenticates with a passkey, which only the portal can ask for (not an emailed link). */
  'STEP_UP_IN_PORTAL',
  /** Re-authentication needs a passkey or an authenticator app: the person's organisation has passwords off. */
  'STEP_UP_FACTOR_REQUIRED',
] as const;

export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

export class IdentityError extends DomainException<IdentityErrorCode> {}
