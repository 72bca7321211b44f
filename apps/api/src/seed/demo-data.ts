import type { Language, OrganisationKind, Role } from '@app/identity';

/** The demo's fixed people and organisations, so people and scripts can rely on them. */
export interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  language: Language;
  emailDomains: string[];
  countryCode: string;
  timeZone: string;
}

export interface DemoUser {
  email: string;
  displayName: string;
  organisationKey: string | null;
  role: Role;
  countryCode?: string;
  language?: Language;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // Times are shown in each reader's zone: Tokyo for the provider and Sakura (its Chinese IT
  // staff in Shanghai, by their country), London for Northwind.
  {
    key: 'provider',
    kind: 'provider',
    name: 'Example MDR',
    language: 'en',
    emailDomains: ['mdr.example'],
    countryCode: 'JP',
    timeZone: 'Asia/Tokyo',
  },
  {
    key: 'sakura',
    kind: 'customer',
    name: 'Sakura Manufacturing',
    language: 'ja',
    emailDomains: ['sakura.example'],
    countryCode: 'JP',
    timeZone: 'Asia/Tokyo',
  },
  {
    key: 'northwind',
    kind: 'customer',
    name: 'Northwind Retail',
    language: 'en',
    emailDomains: ['northwind.example'],
    countryCode: 'GB',
    timeZone: 'Europe/London',
  },
];

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'lead@mdr.example',
    displayName: 'Morgan Lead',
    organisationKey: 'provider',
    role: 'provider_lead',
  },
  {
    email: 'analyst@mdr.example',
    displayName: 'Alex Analyst',
    organisationKey: 'provider',
    role: 'provider_analyst',
  },
  {
    email: 'am@mdr.example',
    displayName: 'Avery Account-Manager',
    organisationKey: 'provider',
    role: 'account_manager',
  },
  {
    email: 'security@sakura.example',
    displayName: '佐藤 花子',
    organisationKey: 'sakura',
    role: 'customer_security_lead',
  },
  {
    email: 'it-jp@sakura.example',
    displayName: '鈴木 一郎',
    organisationKey: 'sakura',
    role: 'customer_it',
    countryCode: 'JP',
  },
  {
    email: 'it-cn@sakura.example',
    displayName: '王 伟',
    organisationKey: 'sakura',
    role: 'customer_it',
    countryCode: 'CN',
    language: 'zh',
  },
  {
    email: 'security@northwind.example',
    displayName: 'Jordan Smith',
    organisationKey: 'northwind',
    role: 'customer_security_lead',
  },
  {
    email: 'admin@portal.example',
    displayName: 'Portal Admin',
    organisationKey: null,
    role: 'platform_admin',
  },
];

export const DEMO_ENGAGEMENTS = [
  {
    customerKey: 'sakura',
    name: 'Sakura Manufacturing MDR',
    edrTenant: 'sakura-manufacturing.console.example-edr.com',
  },
  {
    customerKey: 'northwind',
    name: 'Northwind Retail MDR',
    edrTenant: 'northwind-retail.console.example-edr.com',
  },
];

export const DEMO_ACCOUNT_MANAGER = 'am@mdr.example';
