/**
 * Whether `value` is a path on this site, safe to redirect to: it starts with one slash, is not
 * protocol-relative (`//host`, `/\host`, which browsers treat alike) and holds no control
 * characters that could split a header. Anything else would be an open redirect.
 */
export function isLocalPath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return false;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f\\]/.test(value);
}

/** `value` when it is a local path, otherwise `fallback`. */
export function localPathOr(value: unknown, fallback: string): string {
  return isLocalPath(value) ? value : fallback;
}
