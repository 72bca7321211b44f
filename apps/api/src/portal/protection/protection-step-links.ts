import { protectionPath } from './protection-input';

const STEP_PAGE = {
  static_block_list: 'block-list',
  effectiveness_check: 'past-incidents',
  notification_routing: 'notification-routing',
} as const;

/** The protection page where an onboarding step's subject is worked on, for its step card. */
export function protectionStepLink(
  engagementId: string,
  stepKey: string,
): { href: string; labelKey: string } | null {
  if (!(stepKey in STEP_PAGE)) return null;
  const page = STEP_PAGE[stepKey as keyof typeof STEP_PAGE];
  return { href: protectionPath(engagementId, page), labelKey: `protection.stepLink.${stepKey}` };
}
