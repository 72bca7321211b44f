import { AccessScope, can, Engagement } from '@app/identity';
import { ForbiddenException } from '@app/platform';

/** Block lists and past incidents: the provider lead or an analyst of the engagement's provider. */
export function assertMaintainsProtection(scope: AccessScope, engagement: Engagement): void {
  if (!can(scope, 'protection.maintain', engagement)) {
    throw new ForbiddenException(
      "Only the provider lead or an analyst of the engagement's provider maintains this",
    );
  }
}

/**
 * Notification routing: the provider lead, the engagement's account manager (the scoped lookup
 * already limited them to their assigned engagements) or the customer's security lead.
 */
export function mayEditRouting(scope: AccessScope, engagement: Engagement): boolean {
  return can(scope, 'routing.edit', engagement);
}

export function assertEditsRouting(scope: AccessScope, engagement: Engagement): void {
  if (!mayEditRouting(scope, engagement)) {
    throw new ForbiddenException(
      "Only the provider lead, the engagement's account manager or the customer's security lead edits routing",
    );
  }
}
