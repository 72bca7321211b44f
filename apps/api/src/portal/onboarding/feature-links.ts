import { SIGNATURE_STEP_KEY } from '@app/authorisation';
import { planningStepLink } from '../planning/planning-paths';
import { inventoryStepLink } from '../inventory/inventory-step-links';
import { documentsPath, STEP_DOCUMENT } from '../documents/document-input';
import { protectionStepLink } from '../protection/protection-step-links';

export interface FeatureLink {
  href: string;
  /** Message key of the link's text. */
  labelKey: string;
}

/** Where a step is worked on when a feature page of its own handles it (one link per card). */
export function featureLinkOf(
  onboarding: { id: string; engagementId: string },
  stepKey: string,
): FeatureLink | null {
  if (stepKey === SIGNATURE_STEP_KEY)
    return { href: `/onboardings/${onboarding.id}/signatures`, labelKey: 'signatures.manageLink' };
  if (stepKey === 'domain_permission_email') {
    return {
      href: `/onboardings/${onboarding.id}/domain-confirmations`,
      labelKey: 'domainConfirmation.stepLink',
    };
  }
  return (
    protectionStepLink(onboarding.engagementId, stepKey) ??
    planningStepLink(onboarding.engagementId, stepKey) ??
    inventoryStepLink(onboarding.engagementId, stepKey)
  );
}

/**
 * The exact place a step is acted on, when that is not its card: the feature's page (signature
 * requests, domain confirmations, ...) or the document section whose approval decides it.
 */
export function placeOf(
  onboarding: { id: string; engagementId: string },
  step: { key: string; decidedIn: string | null },
): FeatureLink | null {
  const feature = featureLinkOf(onboarding, step.key);
  if (feature) return feature;
  const document = step.decidedIn ? STEP_DOCUMENT[step.key] : undefined;
  return document
    ? {
        href: documentsPath(onboarding.engagementId, document),
        labelKey: `onboarding.step.decidedIn.${document}`,
      }
    : null;
}
