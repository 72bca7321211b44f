import { AccessScope, Engagement } from '@app/identity';
import { ForbiddenException } from '@app/platform';
import type { OnboardingStep } from '../entities/onboarding-step.entity';
import type { Party } from '../templates/template.types';
import { actingOrganisationId } from './assignees';

/** True when the caller belongs to that party of the engagement and holds that role. */
export function actsAs(
  scope: AccessScope,
  engagement: Engagement,
  party: Party,
  role: string,
): boolean {
  return (
    scope.organisationId === actingOrganisationId(engagement, party) &&
    scope.roles.includes(role as never)
  );
}

/** Only the party and role the step names may act on it. */
export function assertActor(
  scope: AccessScope,
  engagement: Engagement,
  step: OnboardingStep,
): void {
  if (!actsAs(scope, engagement, step.party, step.role)) {
    throw new ForbiddenException(`Step ${step.key} is for the ${step.party}'s ${step.role}`);
  }
}
