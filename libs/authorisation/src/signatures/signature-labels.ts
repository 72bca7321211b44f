import type { Language } from '@app/access';
import type { AuthMethod, RequestStatus, SignatureEventKind } from './signature-vocabulary';

/** The words of the authorisation letter and the certificate of completion, per language. */
export interface SignatureLabels {
  letterTitle: string;
  customer: string;
  provider: string;
  engagement: string;
  edrProduct: string;
  edrTenant: string;
  /** {customer} {provider} {product} {tenant} are filled in. */
  grant: string;
  scopeHeading: string;
  scope: string[];
  excludedHeading: string;
  excluded: string[];
  termHeading: string;
  term: string;
  signatureHeading: string;
  signature: string;
  certificateTitle: string;
  request: string;
  document: string;
  documentSha256: string;
  signer: string;
  status: string;
  eventsHeading: string;
  columns: {
    seq: string;
    event: string;
    at: string;
    actor: string;
    ip: string;
    userAgent: string;
    method: string;
    typedName: string;
    detail: string;
  };
  event: Record<SignatureEventKind, string>;
  method: Record<AuthMethod, string>;
  statuses: Record<RequestStatus, string>;
  hashNote: string;
}

const EN: SignatureLabels = {
  letterTitle: 'Authorisation to manage the EDR console tenant',
  customer: 'Customer',
  provider: 'MDR provider',
  engagement: 'Engagement',
  edrProduct: 'EDR product',
  edrTenant: 'EDR console tenant',
  grant:
    '{customer} authorises {provider} to access and manage, on its behalf, its tenant {tenant} in the {product} management console, within the scope below.',
  scopeHeading: 'Scope of the authorisation',
  scope: [
    'View alerts, detections, endpoint inventory and telemetry of the tenant.',
    'Investigate detections and record findings in the console.',
    'Take the response actions the service agreement allows, in the authorisation mode it sets for each.',
    'Maintain groups, policies, exclusions and block lists as agreed with the customer.',
  ],
  excludedHeading: 'Not authorised',
  excluded: [
    'Changing the tenant owner, billing or licence terms.',
    'Creating console accounts for anyone other than the provider’s named analysts.',
  ],
  termHeading: 'Term',
  term: 'This authorisation lasts until the engagement ends or the customer withdraws it in writing.',
  signatureHeading: 'Signature',
  signature:
    'Signed electronically through the MDR onboarding portal. The signature binds to the SHA-256 of this document; the certificate of completion records who signed, when, from where and how they were authenticated.',
  certificateTitle: 'Certificate of completion',
  request: 'Request',
  document: 'Document',
  documentSha256: 'Document SHA-256',
  signer: 'Signer',
  status: 'Status',
  eventsHeading: 'Events',
  columns: {
    seq: '#',
    event: 'Event',
    at: 'Time (UTC)',
    actor: 'By',
    ip: 'IP address',
    userAgent: 'User agent',
    method: 'Authentication',
    typedName: 'Typed name',
    detail: 'Detail',
  },
  event: {
    requested: 'Requested',
    viewed: 'Viewed',
    code_sent: 'Code sent',
    code_failed: 'Wrong code',
    authenticated: 'Authenticated',
    signed: 'Signed',
    declined: 'Declined',
    revoked: 'Revoked',
    invalidated: 'Invalidated',
  },
  method: {
    password: 'Password',
    email_code: 'Emailed code',
    totp: 'Authenticator app code',
    recovery_code: 'Recovery code',
    passkey: 'Passkey',
  },
  statuses: {
    pending: 'Waiting for signature',
    signed: 'Signed',
    declined: 'Declined',
    revoked: 'Revoked',
    invalidated: 'Invalidated (document superseded)',
    expired: 'Expired',
  },
  hashNote: 'Every event is bound to the document SHA-256 above.',
};

const JA: SignatureLabels = {
  letterTitle: 'EDRコンソールテナントの管理委任書',
  customer: '顧客',
  provider: 'MDR事業者',
  engagement: '契約',
  edrProduct: 'EDR製品',
  edrTenant: 'EDRコンソールテナント',
  grant:
    '{customer}は、{provider}に対し、{product}管理コンソールにおける自社テナント{tenant}へのアクセスおよび管理を、以下の範囲で委任します。',
  scopeHeading: '委任の範囲',
  scope: [
    'テナントのアラート、検知、端末一覧およびテレメトリの閲覧。',
    '検知の調査と、コンソールへの調査結果の記録。',
    'サービス契約が認める対応アクションを、契約が定める承認方式で実施すること。',
    '顧客と合意したグループ、ポリシー、除外設定およびブロックリストの維持。',
  ],
  excludedHeading: '委任しない事項',
  excluded: [
    'テナントの所有者、請求またはライセンス条件の変更。',
    'MDR事業者の指名アナリスト以外のコンソールアカウントの作成。',
  ],
  termHeading: '期間',
  term: '本委任は、契約の終了または顧客による書面での撤回まで有効です。',
  signatureHeading: '署名',
  signature:
    'MDRオンボーディングポータルで電子的に署名されます。署名は本書面のSHA-256に結び付けられ、完了証明書に署名者、日時、接続元および認証方法が記録されます。',
  certificateTitle: '完了証明書',
  request: '依頼',
  document: '書面',
  documentSha256: '書面のSHA-256',
  signer: '署名者',
  status: '状態',
  eventsHeading: 'イベント',
  columns: {
    seq: '#',
    event: 'イベント',
    at: '日時 (UTC)',
    actor: '実行者',
    ip: 'IPアドレス',
    userAgent: 'ユーザーエージェント',
    method: '認証方法',
    typedName: '入力された氏名',
    detail: '詳細',
  },
  event: {
    requested: '依頼',
    viewed: '閲覧',
    code_sent: 'コード送信',
    code_failed: 'コード誤り',
    authenticated: '認証',
    signed: '署名',
    declined: '辞退',
    revoked: '取り消し',
    invalidated: '無効化',
  },
  method: {
    password: 'パスワード',
    email_code: 'メールのコード',
    totp: '認証アプリのコード',
    recovery_code: 'リカバリーコード',
    passkey: 'パスキー',
  },
  statuses: {
    pending: '署名待ち',
    signed: '署名済み',
    declined: '辞退',
    revoked: '取り消し',
    invalidated: '無効（書面が更新されました）',
    expired: '期限切れ',
  },
  hashNote: 'すべてのイベントは上記の書面SHA-256に結び付けられています。',
};

const ZH: SignatureLabels = {
  letterTitle: 'EDR控制台租户管理授权书',
  customer: '客户',
  provider: 'MDR服务商',
  engagement: '合作',
  edrProduct: 'EDR产品',
  edrTenant: 'EDR控制台租户',
  grant: '{customer}授权{provider}代表其访问并管理{product}管理控制台中的租户{tenant}，范围如下。',
  scopeHeading: '授权范围',
  scope: [
    '查看租户的告警、检测、终端清单和遥测数据。',
    '调查检测结果并在控制台中记录结论。',
    '按服务协议为每项响应操作规定的授权方式执行协议允许的响应操作。',
    '维护与客户商定的分组、策略、排除项和阻止列表。',
  ],
  excludedHeading: '未授权事项',
  excluded: ['变更租户所有者、账单或许可条款。', '为服务商指定分析师以外的任何人创建控制台账户。'],
  termHeading: '期限',
  term: '本授权在合作结束或客户书面撤回之前有效。',
  signatureHeading: '签名',
  signature:
    '通过MDR入职门户以电子方式签署。签名绑定本文件的SHA-256；完成证书记录签署人、时间、来源及认证方式。',
  certificateTitle: '完成证书',
  request: '请求',
  document: '文件',
  documentSha256: '文件SHA-256',
  signer: '签署人',
  status: '状态',
  eventsHeading: '事件',
  columns: {
    seq: '#',
    event: '事件',
    at: '时间 (UTC)',
    actor: '执行者',
    ip: 'IP地址',
    userAgent: '用户代理',
    method: '认证方式',
    typedName: '输入的姓名',
    detail: '详情',
  },
  event: {
    requested: '请求',
    viewed: '查看',
    code_sent: '已发送验证码',
    code_failed: '验证码错误',
    authenticated: '已认证',
    signed: '已签署',
    declined: '已拒绝',
    revoked: '已撤销',
    invalidated: '已失效',
  },
  method: {
    password: '密码',
    email_code: '邮件验证码',
    totp: '身份验证器应用的验证码',
    recovery_code: '恢复码',
    passkey: '通行密钥',
  },
  statuses: {
    pending: '等待签署',
    signed: '已签署',
    declined: '已拒绝',
    revoked: '已撤销',
    invalidated: '已失效（文件已更新）',
    expired: '已过期',
  },
  hashNote: '每个事件都绑定上述文件SHA-256。',
};

const LABELS: Record<Language, SignatureLabels> = { en: EN, ja: JA, zh: ZH };

export function signatureLabels(language: Language): SignatureLabels {
  return LABELS[language];
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
