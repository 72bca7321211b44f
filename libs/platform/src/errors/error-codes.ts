/**
 * The codes every layer shares: input, sign-in, access, size and availability. A lib's own
 * refusals have their own codes, declared beside the lib (`libs/<lib>/src/<lib>-errors.ts`);
 * the HTTP status of every code is decided in one table of the HTTP layer
 * (`apps/api/src/http/error-status.ts`), never here.
 */
export const PLATFORM_ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_INVALID',
  'NOT_FOUND',
  /** Only for a 409 that reached the filter without a domain code (a Nest exception). */
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number];

/** Any error code: the platform's or one a lib declares. */
export type ErrorCode = string;

/** Each code's HTTP status; the HTTP layer holds the one instance (apps/api/src/http/error-status.ts). */
export type ErrorStatusTable = Readonly<Record<string, number>>;

/** The fallback code for an HTTP status that reached the filter without a domain code. */
const GENERIC_CODE: Record<number, PlatformErrorCode> = {
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

export function codeForStatus(status: number): PlatformErrorCode {
  return GENERIC_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}
