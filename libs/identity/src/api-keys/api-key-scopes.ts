/**
 * What an API key may be allowed to do. A route opts in by naming one of these
 * (`@ApiKeyScope(...)`); a key is refused (403) on every route that names none of its scopes,
 * and on every route that names none at all (people management, keys themselves, approvals,
 * signatures: what a person decides).
 */
export const API_KEY_SCOPES = [
  'detections:read',
  'detections:write',
  'incidents:read',
  'incidents:write',
  'block-list:read',
  'block-list:write',
  'endpoints:read',
  'endpoints:write',
  'deployment:read',
  'deployment:write',
  'audit:read',
] as const;
export type ApiKeyScopeName = (typeof API_KEY_SCOPES)[number];

/** Keys start with this, so a leaked one is recognisable (secret scanners) and told apart from a JWT. */
export const API_KEY_PREFIX = 'mdrk_';

/** `mdrk_` and 32 random bytes in base64url. */
export const API_KEY_PATTERN = /^mdrk_[A-Za-z0-9_-]{43}$/;

export function isApiKeyScope(value: unknown): value is ApiKeyScopeName {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}
