/** The portal page of one proposal version (the document, the changes, the decision). */
export function proposalPagePath(onboardingId: string, stepKey: string, version: number): string {
  return `/onboardings/${onboardingId}/steps/${stepKey}/proposals/${version}`;
}

/** Where a proposal form posts. */
export function proposeFormPath(onboardingId: string, stepKey: string): string {
  return `/onboardings/${onboardingId}/steps/${stepKey}/proposals`;
}
