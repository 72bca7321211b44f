/**
 * The flash (under `flash.error.`) for a refused "start an onboarding" form, by error code; a
 * code not listed is explained by its own message (refusalFlash).
 */
export const CREATE_REFUSALS: Readonly<Record<string, string>> = {
  FORBIDDEN: 'createForbidden',
  NOT_FOUND: 'createEngagementNotFound',
  ONBOARDING_IN_PROGRESS: 'createConflict',
  REONBOARDING_REQUIRED: 'createReonboardingNeeded',
  VALIDATION_FAILED: 'createInvalid',
};
