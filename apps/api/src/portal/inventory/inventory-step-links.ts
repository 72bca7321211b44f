import { inventoryPath, InventoryPage } from './inventory-input';

const STEP_PAGE: Readonly<Record<string, InventoryPage>> = {
  endpoint_inventory: 'inventory',
  unsupported_os_decisions: 'decisions',
  existing_security_products: 'products',
  existing_av_plan: 'products',
};

/** The inventory page where an onboarding step's subject is worked on, for its step card. */
export function inventoryStepLink(
  engagementId: string,
  stepKey: string,
): { href: string; labelKey: string } | null {
  const page = STEP_PAGE[stepKey];
  if (!page) return null;
  return { href: inventoryPath(engagementId, page), labelKey: `inventory.stepLink.${stepKey}` };
}
