import { DomainException } from '@app/platform';
import type { Flash } from '../session/flash';
import type { RefusalReader } from './submit-form';

/** The status of a refusal that is answered by a redirect with a flash, not by a page. */
export const FLASHED = 303;

/**
 * Reads a refusal that is answered on the page the form came from, by a redirect and a flash:
 * `flashOf` says what the flash tells for a domain refusal. Anything else (and a code `flashOf`
 * does not explain: null) goes on to the portal's filter.
 */
export function flashRefusal(
  flashOf: (error: DomainException) => Flash | null,
): RefusalReader<Flash> {
  return (error) => {
    if (!(error instanceof DomainException)) return null;
    const flash = flashOf(error);
    return flash ? { problem: flash, status: FLASHED } : null;
  };
}
