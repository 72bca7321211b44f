import { DomainException } from '@app/platform';
import { refusalOf } from '../errors/refusal';
import type { Refused, RefusalReader } from './submit-form';

/** For each code a form answers: what the page shows for it, from the error (its details). */
export type CodeRefusals<P> = Partial<Record<string, (error: DomainException) => Refused<P>>>;

/**
 * Reads the refusals a form answers by their code alone (a sign-in form: a wrong password 401,
 * a throttled one 429…). A code the table does not name, and anything that is not a domain
 * refusal, goes on to the portal's filter.
 */
export function refusedByCode<P>(refusals: CodeRefusals<P>): RefusalReader<P> {
  return (error) => {
    if (!(error instanceof DomainException)) return null;
    const refusal = Object.hasOwn(refusals, error.code) ? refusals[error.code] : undefined;
    return refusal ? refusal(error) : null;
  };
}

/**
 * Reads the listed codes as their own message key (`errors.code.<CODE>`) at the status the HTTP
 * layer gives them; any other code goes on.
 */
export function refusedWithMessage(codes: readonly string[]): RefusalReader<string> {
  return (error) => {
    const refusal = refusalOf(error);
    return refusal && codes.includes(refusal.code)
      ? { problem: refusal.messageKey, status: refusal.status }
      : null;
  };
}
