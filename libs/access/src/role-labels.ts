import type { Language, Role } from './roles';

/** Role names as the portal shows them, for the mails. */
const ROLE_LABELS: Readonly<Record<Language, Readonly<Record<Role, string>>>> = {
  en: {
    customer_security_lead: 'Security lead',
    customer_it: 'Country IT staff',
    provider_analyst: 'MDR analyst',
    provider_lead: 'MDR provider lead',
    account_manager: 'Account manager',
    platform_admin: 'Platform administrator',
  },
  ja: {
    customer_security_lead: 'セキュリティ責任者',
    customer_it: '各国 IT 担当者',
    provider_analyst: 'MDR アナリスト',
    provider_lead: 'MDR プロバイダー責任者',
    account_manager: 'アカウントマネージャー',
    platform_admin: 'プラットフォーム管理者',
  },
  zh: {
    customer_security_lead: '安全负责人',
    customer_it: '各国 IT 人员',
    provider_analyst: 'MDR 分析师',
    provider_lead: 'MDR 服务商负责人',
    account_manager: '客户经理',
    platform_admin: '平台管理员',
  },
};

export function roleLabel(role: string, language: Language): string {
  return ROLE_LABELS[language][role as Role] ?? role;
}
