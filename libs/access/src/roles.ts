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

export const LANGUAGES = ['ja', 'en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

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
