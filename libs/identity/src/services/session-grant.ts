import type { ScopeGrant } from '@app/access';

/**
 * A signed-in session as the portal's layout shows it: the grant, and the person's name and
 * organisation's name, read in the grant's one statement and kept with it (same invalidation:
 * app_user and organisation notify on every change).
 */
export interface SessionGrant {
  grant: ScopeGrant;
  displayName: string;
  organisationName: string | null;
  /**
   * When a portal session's row ends (business clock, ms): a kept grant is not served past it,
   * even if the cookie, rewritten by a later response, would still be accepted. A bearer token
   * ends by its own `exp` (checked with its signature), so its grant carries no end here.
   */
  expiresAtMs: number;
}
