/** The onboarding step decided by signature requests, and the words of this feature. */
export const SIGNATURE_STEP_KEY = 'domain_authorisation_signature';

export const DOCUMENT_KINDS = ['authorisation_letter', 'agreement_version'] as const;
export type SignatureDocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Stored statuses; `expired` is derived (a pending request past its expiry). */
export const REQUEST_STATUSES = [
  'pending',
  'signed',
  'declined',
  'revoked',
  'invalidated',
] as const;
export type StoredRequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestStatus = StoredRequestStatus | 'expired';

export const EVENT_KINDS = [
  'requested',
  'viewed',
  'code_sent',
  'code_failed',
  'authenticated',
  'signed',
  'declined',
  'revoked',
  'invalidated',
] as const;
export type SignatureEventKind = (typeof EVENT_KINDS)[number];

/** How a signer authenticated: the link's emailed code, or a signed-in signer's step-up factor. */
export const AUTH_METHODS = ['password', 'email_code', 'totp', 'recovery_code', 'passkey'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** The one-time token purpose of signing links. */
export const SIGNING_LINK_PURPOSE = 'signature-request';

/** Outbox dedupe keys: one request mail and one reminder per request. */
export const requestMailKey = (requestId: string): string => `signature-request:${requestId}`;
export const reminderKey = (requestId: string): string => `signature-reminder:${requestId}`;
