import { FieldError, ValidationException } from './domain-exception';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_REPORTED = 20;

/** Why PostgreSQL (and some validators) cannot take this string; null when it is fine. */
function problemWith(text: string): string | null {
  // PostgreSQL's text and jsonb cannot hold U+0000 ("unsupported Unicode escape sequence").
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  // Not encodable as UTF-8; some validators (e.g. isEmail) throw on it instead of answering false.
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode text (unpaired surrogate)';
  return null;
}

/** A field name as it can be shown: a NUL or lone surrogate in a key is written as an escape. */
function printable(name: string): string {
  let shown = '';
  for (const c of name) {
    const code = c.codePointAt(0) ?? 0;
    shown +=
      code === 0 || (code >= 0xd800 && code <= 0xdfff)
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : c;
  }
  return shown;
}

/**
 * Every string (and object key) in `value` that cannot be stored as text, by path: `reason`,
 * `content.items[2].name`. At most 20, so a hostile body cannot make the answer huge.
 */
export function unrepresentableFields(
  value: unknown,
  path = '',
  found: FieldError[] = [],
): FieldError[] {
  collect(value, path, found);
  return found.slice(0, MAX_REPORTED);
}

// Walks without copying: every request's params, query and body pass here (most are empty).
function collect(value: unknown, path: string, found: FieldError[]): void {
  if (found.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    const reason = problemWith(value);
    if (reason) found.push({ field: path || 'value', reason });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) collect(value[i], `${path}[${i}]`, found);
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const field = path ? `${path}.${printable(key)}` : printable(key);
      const keyProblem = problemWith(key);
      if (keyProblem) found.push({ field, reason: `has a name that ${keyProblem}` });
      collect((value as Record<string, unknown>)[key], field, found);
    }
  }
}

/** Throws the 400 naming each field that cannot be stored, if there is any. */
export function refuseUnrepresentable(...parts: unknown[]): void {
  const found: FieldError[] = [];
  for (const part of parts) collect(part, '', found);
  if (found.length > 0) throw new ValidationException(found.slice(0, MAX_REPORTED));
}
