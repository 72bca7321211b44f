import type { SecondFactorDetails } from '@app/identity';
import { DomainException } from '@app/platform';

/** The passkey challenge an MFA_REQUIRED carries (JSON for the page's data attribute), or null. */
export function passkeyOptionsOf(error: DomainException): string | null {
  const details = error.details as SecondFactorDetails | undefined;
  return details?.passkeyOptions ? JSON.stringify(details.passkeyOptions) : null;
}
