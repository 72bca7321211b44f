import { DomainException } from '@app/platform';

/** Why signatures, the domain permission and the completion documents refuse. */
export const AUTHORISATION_ERROR_CODES = [
  /** The completion bundle and certificate exist once the service has started. */
  'COMPLETION_BEFORE_SERVICE_START',
  /** The engagement names no EDR console tenant yet. */
  'EDR_TENANT_MISSING',
  /** The onboarding's template has no step for this (domain permission, signature). */
  'STEP_NOT_IN_TEMPLATE',
  /** The step this decides is not in a state that takes it (blocked, waived, done…). */
  'AUTHORISATION_STEP_NOT_OPEN',
  'DOMAIN_ALREADY_CONFIRMED',
  /** A newer confirmation request to the same recipient exists. */
  'CONFIRMATION_SUPERSEDED',
  /** The recipient is no longer in the customer's declared email domains. */
  'RECIPIENT_OUTSIDE_DOMAINS',
  'SIGNATURE_ALREADY_PENDING',
  /** The signature request is signed, declined, revoked or expired. */
  'SIGNATURE_REQUEST_NOT_PENDING',
  /** The agreement version is not (or no longer) the one that can be signed. */
  'AGREEMENT_VERSION_NOT_SIGNABLE',
] as const;

export type AuthorisationErrorCode = (typeof AUTHORISATION_ERROR_CODES)[number];

export class AuthorisationError extends DomainException<AuthorisationErrorCode> {}
