import type { Language } from '@app/access';
import { sha256Hex } from './confirmation-token';

/** What the customer authorises; all of it appears in the mail and on the confirmation page. */
export interface AuthorisationSubject {
  customerName: string;
  providerName: string;
  edrProduct: string;
  edrTenant: string;
  domains: string[];
}

const STATEMENTS: Record<Language, (s: AuthorisationSubject, domains: string) => string> = {
  ja: (s, d) =>
    `${s.customerName}は、${s.providerName}がEDR製品「${s.edrProduct}」のテナント「${s.edrTenant}」` +
    `（対象ドメイン: ${d}）を当社に代わって管理することを許可します。許可の範囲は、MDRサービス契約と合意済みの運用手順書に基づく、` +
    'EDRコンソールとアラートの閲覧、ポリシーの変更、および手順書が認める対応措置の実施です。',
  en: (s, d) =>
    `${s.customerName} authorises ${s.providerName} to manage the ${s.edrProduct} EDR tenant ` +
    `"${s.edrTenant}" (domains: ${d}) on its behalf. The scope is what the MDR service agreement ` +
    'and the agreed runbooks provide: viewing the EDR console and its alerts, changing policies, ' +
    'and taking the response actions the runbooks allow.',
  zh: (s, d) =>
    `${s.customerName}授权${s.providerName}代表本公司管理 EDR 产品“${s.edrProduct}”的租户“${s.edrTenant}”` +
    `（域: ${d}）。授权范围以 MDR 服务协议及已商定的运行手册为准：查看 EDR 控制台及告警、变更策略，` +
    '以及执行运行手册允许的响应措施。',
};

/** The statement in the customer's language: the exact text the confirmation approves. */
export function authorisationStatement(subject: AuthorisationSubject, language: Language): string {
  const domains = [...subject.domains]
    .map((d) => d.toLowerCase())
    .sort()
    .join(', ');
  return STATEMENTS[language](subject, domains);
}

/** The hash the workflow step binds to: SHA-256 of the statement's UTF-8 bytes. */
export function statementHash(statement: string): string {
  return sha256Hex(statement);
}
