/** The roles a membership can grant, and which kind of organisation each belongs to. */
export const ROLES = [
  'customer_security_lead',
  'customer_it',
  'provider_analyst',
  'provider_lead',
  'account_manager',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['customer', 'provider'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

// The languages are the platform's (its message catalogs are keyed by them); re-exported here,
// where callers have always found them.
export { LANGUAGES, type Language } from '@app/platform/i18n/languages';

export const CUSTOMER_ROLES: readonly Role[] = ['customer_security_lead', 'customer_it'];
export const PROVIDER_ROLES: readonly Role[] = [
  'provider_analyst',
  'provider_lead',
  'account_manager',
];

/** The organisation kind a role requires; platform_admin belongs to no organisation. */
export function organisationKindForRole(role: Role): OrganisationKind | null {
  if (CUSTOMER_ROLES.includes(role)) return 'customer';
  if (PROVIDER_ROLES.includes(role)) return 'provider';
  return null;
}
