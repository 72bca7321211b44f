import { DomainException, ValidationException } from '@app/platform';
import { refusalOf } from '../errors/refusal';
import type { Refused } from '../kit/submit-form';

/** The part of a stored document between <body> and </body>: our own escaped HTML, shown inline. */
export function documentBody(html: string): string {
  const start = html.indexOf('<body>');
  const end = html.lastIndexOf('</body>');
  return start < 0 || end < start ? '' : html.slice(start + '<body>'.length, end).trim();
}

/** The catalog key (under `signatures.error.`) that explains why a signing form failed, or null for an unexpected error. */
export function signingErrorKey(error: unknown): string | null {
  if (error instanceof ValidationException) {
    const field = error.fields[0]?.field;
    if (field === 'code' || field === 'passkey') return 'stepUp';
    return field === 'typedName' || field === 'reason' || field === 'password' ? field : null;
  }
  if (!(error instanceof DomainException)) return null;
  const keys: Record<string, string> = {
    INVALID_CREDENTIALS: 'password',
    TOO_MANY_REQUESTS: 'throttled',
    FORBIDDEN: 'forbidden',
  };
  return keys[error.code] ?? (refusalOf(error)?.status === 409 ? 'conflict' : null);
}

const REQUEST_FIELDS = ['signerUserId', 'signerName', 'signerEmail', 'agreementVersion', 'reason'];

/** The catalog key (under `signatures.requestError.`) for a refused request or revocation form: never the lib's English. */
export function requestErrorKey(error: DomainException): string {
  if (error instanceof ValidationException) {
    const field = error.fields[0]?.field ?? '';
    return REQUEST_FIELDS.includes(field) ? field : 'invalid';
  }
  if (refusalOf(error)?.status === 409) return 'conflict';
  if (error.code === 'FORBIDDEN') return 'forbidden';
  return 'invalid';
}

/** A refused signing form: the page again with its key and 400; null for an unexpected error. */
export function signingRefusal(error: unknown): Refused<string> | null {
  const key = signingErrorKey(error);
  return key ? { problem: key, status: 400 } : null;
}

/** A refused request or revocation form: the list again with its key and 400; 404 goes on. */
export function requestRefusal(error: unknown): Refused<string> | null {
  if (!(error instanceof DomainException) || error.code === 'NOT_FOUND') return null;
  return { problem: requestErrorKey(error), status: 400 };
}
