import type { Language } from '@app/access';

/** The words of the service completion certificate, per language (the engagement's). */
export interface CompletionLabels {
  title: string;
  intro: string;
  customer: string;
  provider: string;
  engagement: string;
  onboarding: string;
  plannedStart: string;
  serviceStarted: string;
  startedBy: string;
  stepsHeading: string;
  hashNote: string;
  columns: {
    step: string;
    phase: string;
    outcome: string;
    by: string;
    at: string;
    contentHash: string;
    evidence: string;
  };
  outcome: Record<'done' | 'waived', string>;
  kind: Record<
    'approval' | 'signature' | 'email_confirmation' | 'task' | 'automatic_check',
    string
  >;
  evidence: Record<'signature_request' | 'domain_confirmation', string>;
  system: string;
  none: string;
  waivedReason: string;
  verification: {
    heading: string;
    note: string;
    keyId: string;
    publicKey: string;
    seal: string;
    published: string;
  };
}

const EN: CompletionLabels = {
  title: 'Certificate of service start',
  intro:
    'Every step the service-start gate required, with who approved, signed, confirmed or completed it, when, and the SHA-256 of what was approved.',
  customer: 'Customer',
  provider: 'MDR provider',
  engagement: 'Engagement',
  onboarding: 'Onboarding',
  plannedStart: 'Planned service start',
  serviceStarted: 'Service started',
  startedBy: 'Started by',
  stepsHeading: 'Required steps',
  hashNote:
    'Content hashes are SHA-256 (hex) of the approved document or proposal; evidence ids name the signature request or domain confirmation behind the step.',
  columns: {
    step: 'Step',
    phase: 'Phase',
    outcome: 'Outcome',
    by: 'By',
    at: 'When',
    contentHash: 'Content SHA-256',
    evidence: 'Evidence',
  },
  outcome: { done: 'Done', waived: 'Waived' },
  kind: {
    approval: 'Approved',
    signature: 'Signed',
    email_confirmation: 'Confirmed',
    task: 'Completed',
    automatic_check: 'Check passed',
  },
  evidence: { signature_request: 'Signature request', domain_confirmation: 'Domain confirmation' },
  system: 'The portal (automatic)',
  none: '—',
  waivedReason: 'Reason for waiving',
  verification: {
    heading: 'How to verify',
    note: 'The portal signs its audit trail and the completion bundle with this key (Ed25519), and seals this PDF with the certificate named below. Compare them with the keys the portal publishes; the completion bundle verifies offline with the verifier it contains.',
    keyId: 'Signing key',
    publicKey: 'Public key (Ed25519, base64)',
    seal: 'PDF seal certificate (SHA-256)',
    published: 'Published keys',
  },
};

const JA: CompletionLabels = {
  title: 'サービス開始証明書',
  intro:
    'サービス開始ゲートが必要としたすべてのステップについて、承認・署名・確認・完了した人、日時、承認された内容の SHA-256 を記載します。',
  customer: '顧客',
  provider: 'MDR プロバイダー',
  engagement: '契約',
  onboarding: 'オンボーディング',
  plannedStart: 'サービス開始予定日',
  serviceStarted: 'サービス開始',
  startedBy: '開始した人',
  stepsHeading: '必須ステップ',
  hashNote:
    '内容ハッシュは承認された文書または提案の SHA-256（16 進）です。証跡 ID はステップの根拠となる署名依頼またはドメイン確認を示します。',
  columns: {
    step: 'ステップ',
    phase: 'フェーズ',
    outcome: '結果',
    by: '実施者',
    at: '日時',
    contentHash: '内容 SHA-256',
    evidence: '証跡',
  },
  outcome: { done: '完了', waived: '免除' },
  kind: {
    approval: '承認',
    signature: '署名',
    email_confirmation: '確認',
    task: '完了',
    automatic_check: 'チェック合格',
  },
  evidence: { signature_request: '署名依頼', domain_confirmation: 'ドメイン確認' },
  system: 'ポータル（自動）',
  none: '—',
  waivedReason: '免除の理由',
  verification: {
    heading: '検証方法',
    note: 'ポータルはこの鍵（Ed25519）で監査証跡と完了バンドルに署名し、以下の証明書でこの PDF に封印します。ポータルが公開する鍵と照合してください。完了バンドルは同梱の検証ツールでオフラインで検証できます。',
    keyId: '署名鍵',
    publicKey: '公開鍵（Ed25519、base64）',
    seal: 'PDF 封印証明書（SHA-256）',
    published: '公開鍵の一覧',
  },
};

const ZH: CompletionLabels = {
  title: '服务开始证明',
  intro: '服务开始闸门要求的每个步骤：由谁批准、签署、确认或完成，时间，以及所批准内容的 SHA-256。',
  customer: '客户',
  provider: 'MDR 服务商',
  engagement: '合同',
  onboarding: '入驻',
  plannedStart: '计划服务开始日期',
  serviceStarted: '服务开始',
  startedBy: '开始人',
  stepsHeading: '必需步骤',
  hashNote:
    '内容哈希为所批准文档或提案的 SHA-256（十六进制）；证据 ID 指向该步骤所依据的签署请求或域名确认。',
  columns: {
    step: '步骤',
    phase: '阶段',
    outcome: '结果',
    by: '执行人',
    at: '时间',
    contentHash: '内容 SHA-256',
    evidence: '证据',
  },
  outcome: { done: '完成', waived: '豁免' },
  kind: {
    approval: '已批准',
    signature: '已签署',
    email_confirmation: '已确认',
    task: '已完成',
    automatic_check: '检查通过',
  },
  evidence: { signature_request: '签署请求', domain_confirmation: '域名确认' },
  system: '门户（自动）',
  none: '—',
  waivedReason: '豁免理由',
  verification: {
    heading: '如何验证',
    note: '门户使用此密钥（Ed25519）对审计记录和完成包签名，并以下列证书封印本 PDF。请与门户公布的密钥核对；完成包可用其中附带的验证程序离线验证。',
    keyId: '签名密钥',
    publicKey: '公钥（Ed25519，base64）',
    seal: 'PDF 封印证书（SHA-256）',
    published: '公布的密钥',
  },
};

const LABELS: Record<Language, CompletionLabels> = { en: EN, ja: JA, zh: ZH };

export function completionLabels(language: Language): CompletionLabels {
  return LABELS[language];
}
