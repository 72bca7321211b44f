import { AccessScope, can, Engagement } from '@app/identity';
import type { EvidenceSubjectKind } from './evidence-subject';

type EngagementSides = Pick<Engagement, 'customerOrganisationId' | 'providerOrganisationId'>;

/** Whether the reader may see internal files of this engagement (the provider's staff, account managers). */
export function readsInternalEvidence(scope: AccessScope, engagement: EngagementSides): boolean {
  return can(scope, 'evidence.read_internal', engagement);
}

/**
 * Subjects whose files only people of the engagement's two organisations download: what a task's
 * completion carries is one party's proof to the other, so whoever else sees the onboarding (the
 * platform admin) sees that it exists, its name and hash, but not its bytes.
 */
const PARTIES_ONLY: ReadonlySet<EvidenceSubjectKind> = new Set(['step_completion']);

/** Whether the reader may download a (visible) file of this subject kind in this engagement. */
export function downloadsEvidence(
  scope: AccessScope,
  engagement: EngagementSides,
  kind: EvidenceSubjectKind,
): boolean {
  if (!PARTIES_ONLY.has(kind)) return true;
  return (
    scope.organisationId === engagement.customerOrganisationId ||
    scope.organisationId === engagement.providerOrganisationId
  );
}
