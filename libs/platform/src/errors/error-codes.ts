import { HttpStatus } from '@nestjs/common';

/** Every domain error code the API can answer with, and the one place that maps it to HTTP. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  BAD_REQUEST: HttpStatus.BAD_REQUEST,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  /** The password was right; the account also needs its authenticator code (`otp`). */
  MFA_REQUIRED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  /** The person's organisation signs in through its own provider only (OIDC); no password. */
  PASSWORD_SIGN_IN_DISABLED: HttpStatus.FORBIDDEN,
  /** A sign-in through an organisation's provider was refused; `details.reason` says why. */
  SSO_REFUSED: HttpStatus.FORBIDDEN,
  /** The password was right, but the account must have a second factor and has none yet: set one up first. */
  MFA_ENROLMENT_REQUIRED: HttpStatus.FORBIDDEN,
  CSRF_INVALID: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  EMAIL_TAKEN: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function statusForCode(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** The fallback code for an HTTP status that reached the filter without a domain code. */
const GENERIC_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export function codeForStatus(status: number): ErrorCode {
  return GENERIC_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}
