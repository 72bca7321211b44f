import { AccessScope, can, Engagement } from '@app/identity';
import { ForbiddenException } from '@app/platform';

/**
 * Who edits an engagement's roll-out data (inventory imports, classification, product plans):
 * the customer's security lead and IT staff, and the provider's lead and analysts. Others who
 * see the engagement (account managers, platform admins) read only.
 */
export function mayEditRollout(scope: AccessScope, engagement: Engagement): boolean {
  return can(scope, 'rollout.edit', engagement);
}

export function assertMayEditRollout(scope: AccessScope, engagement: Engagement): void {
  if (!mayEditRollout(scope, engagement)) {
    throw new ForbiddenException(
      "Only the customer's security lead or IT staff, or the provider's lead or analysts, change the roll-out data",
    );
  }
}

/** Today in UTC as YYYY-MM-DD, the day classification is measured against. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
