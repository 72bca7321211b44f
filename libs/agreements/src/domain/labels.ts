import type { Language, Role } from '@app/access';
import type {
  AssetType,
  AuthorisationMode,
  Channel,
  CollaborateFallback,
  Coverage,
  DocumentKind,
  Party,
  ResponseAction,
  ScheduleFrequency,
  Severity,
  StepCategory,
  Weekday,
} from './vocabulary';

/** Every word a rendered document or a catalogue-check sentence needs, in one language. */
export interface Labels {
  documentTitle: Record<DocumentKind, string>;
  /** 平時運用 / 有事運用 and their counterparts. */
  operation: { peacetime_runbook: string; incident_runbook: string };
  meta: {
    customer: string;
    provider: string;
    engagement: string;
    version: string;
    language: string;
    basedOnAgreement: string;
    noAgreement: string;
  };
  sections: {
    scope: string;
    serviceHours: string;
    sla: string;
    responseAuthorisation: string;
    neverTouch: string;
    communication: string;
    escalationContacts: string;
    tuning: string;
    steps: string;
    triage: string;
    escalationOrder: string;
    responseActions: string;
    communicationTemplates: string;
  };
  columns: {
    clients: string;
    servers: string;
    countries: string;
    sites: string;
    coverage: string;
    timeZone: string;
    days: string;
    hours: string;
    severity: string;
    acknowledge: string;
    respond: string;
    channel: string;
    action: string;
    mode: string;
    timeout: string;
    fallback: string;
    assetType: string;
    assetName: string;
    reason: string;
    primaryLanguage: string;
    otherLanguages: string;
    channels: string;
    order: string;
    name: string;
    role: string;
    email: string;
    phone: string;
    country: string;
    workingHours: string;
    owner: string;
    trigger: string;
    schedule: string;
    timing: string;
    actions: string;
    subject: string;
    body: string;
    category: string;
  };
  none: string;
  minutes: (n: number) => string;
  days: (n: number) => string;
  tuningSentence: (days: number) => string;
  severity: Record<Severity, string>;
  action: Record<ResponseAction, string>;
  mode: Record<AuthorisationMode, string>;
  modeExplanation: Record<AuthorisationMode, string>;
  fallback: Record<CollaborateFallback, string>;
  channel: Record<Channel, string>;
  coverage: Record<Coverage, string>;
  weekday: Record<Weekday, string>;
  assetType: Record<AssetType, string>;
  party: Record<Party, string>;
  role: Record<Role, string>;
  category: Record<StepCategory, string>;
  frequency: Record<ScheduleFrequency, string>;
  language: Record<Language, string>;
  list: (items: string[]) => string;
  mismatch: MismatchSentences;
}

/** The sentences of the catalogue check; `provider` is the provider organisation's name. */
export interface MismatchSentences {
  noCatalogue: (provider: string) => string;
  noAgreement: () => string;
  language: (wanted: string, provider: string, offered: string) => string;
  sla: (
    severity: string,
    measure: 'acknowledge' | 'respond',
    wanted: number,
    provider: string,
    best: number,
  ) => string;
  action: (action: string, mode: string, provider: string, offered: string) => string;
  hours: (wanted: string, provider: string, offered: string) => string;
  channel: (channel: string, usage: string, provider: string, offered: string) => string;
  slaChannelUsage: (severity: string) => string;
  communicationUsage: () => string;
}

const EN: Labels = {
  documentTitle: {
    service_agreement: 'MDR Service Agreement',
    peacetime_runbook: 'Peacetime Operations Runbook',
    incident_runbook: 'Incident Response Runbook',
  },
  operation: { peacetime_runbook: 'Peacetime operations', incident_runbook: 'Incident operations' },
  meta: {
    customer: 'Customer',
    provider: 'MDR provider',
    engagement: 'Engagement',
    version: 'Version',
    language: 'Document language',
    basedOnAgreement: 'Service agreement version',
    noAgreement: 'No service agreement yet',
  },
  sections: {
    scope: 'Scope',
    serviceHours: 'Service hours',
    sla: 'Service levels by severity',
    responseAuthorisation: 'Response authorisation',
    neverTouch: 'Assets the provider must never touch',
    communication: 'Communication language and channels',
    escalationContacts: 'Escalation contacts (in order)',
    tuning: 'Tuning period in detect mode',
    steps: 'Steps',
    triage: 'Triage by severity',
    escalationOrder: 'Escalation order',
    responseActions: 'Response actions and their authorisation',
    communicationTemplates: 'Communication templates',
  },
  columns: {
    clients: 'Client endpoints',
    servers: 'Server endpoints',
    countries: 'Countries',
    sites: 'Sites',
    coverage: 'Coverage',
    timeZone: 'Time zone',
    days: 'Days',
    hours: 'Hours',
    severity: 'Severity',
    acknowledge: 'Acknowledge within',
    respond: 'Respond within',
    channel: 'Channel',
    action: 'Action',
    mode: 'Authorisation',
    timeout: 'Timeout',
    fallback: 'If no answer',
    assetType: 'Type',
    assetName: 'Name',
    reason: 'Reason',
    primaryLanguage: 'Primary language',
    otherLanguages: 'Other languages',
    channels: 'Channels',
    order: 'Order',
    name: 'Name',
    role: 'Role',
    email: 'Email',
    phone: 'Phone',
    country: 'Country',
    workingHours: 'Working hours',
    owner: 'Owner',
    trigger: 'Trigger',
    schedule: 'Schedule',
    timing: 'Timing',
    actions: 'Actions',
    subject: 'Subject',
    body: 'Message',
    category: 'Category',
  },
  none: 'None',
  minutes: (n) => `${n} min`,
  days: (n) => `${n} days`,
  tuningSentence: (n) =>
    `Sensors stay in detect mode for at least ${n} days of tuning before block mode is applied.`,
  severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
  action: {
    isolate_host: 'Isolate host',
    kill_process: 'Kill process',
    quarantine_file: 'Quarantine file',
    block_hash: 'Block hash',
    disable_account: 'Disable account',
  },
  mode: {
    notify: 'Recommend only',
    collaborate: 'Collaborate',
    authorize: 'Authorised: act, then inform',
  },
  modeExplanation: {
    notify: 'The provider only recommends the action; the customer decides and carries it out.',
    collaborate:
      'The provider asks the customer and waits up to the timeout, then follows the fallback.',
    authorize:
      'The customer authorises the action in advance: the provider acts at once and informs the customer.',
  },
  fallback: { act: 'Act', wait: 'Keep waiting' },
  channel: { phone: 'Phone', email: 'Email', chat: 'Chat', ticket: 'Ticket', portal: 'Portal' },
  coverage: { '24x7': '24x7', business_hours: 'Business hours' },
  weekday: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
  assetType: { host: 'Host', group: 'Group' },
  party: { customer: 'Customer', provider: 'MDR provider' },
  role: {
    customer_security_lead: 'Security lead',
    customer_it: 'Country IT staff',
    provider_analyst: 'Analyst',
    provider_lead: 'Provider lead',
    account_manager: 'Account manager',
    platform_admin: 'Platform administrator',
  },
  category: {
    periodic_report: 'Periodic report',
    sensor_health_check: 'Sensor health check',
    tuning_review: 'Tuning review',
    regular_meeting: 'Regular meeting',
    triage: 'Triage',
    escalation: 'Escalation',
    response_action: 'Response action',
    communication: 'Communication',
    recovery: 'Recovery',
    review: 'Post-incident review',
    other: 'Other',
  },
  frequency: {
    daily: 'Daily',
    weekly: 'Weekly',
    monthly: 'Monthly',
    quarterly: 'Quarterly',
    yearly: 'Yearly',
  },
  language: { ja: 'Japanese (ja)', en: 'English (en)', zh: 'Chinese (zh)' },
  list: (items) => items.join(', '),
  mismatch: {
    noCatalogue: (provider) => `${provider} has not published a service catalogue`,
    noAgreement: () => 'No service agreement has been drafted yet',
    language: (wanted, provider, offered) =>
      `The customer wants ${wanted}; ${provider} offers ${offered}`,
    sla: (severity, measure, wanted, provider, best) =>
      `${severity} ${measure} in ${wanted} min; ${provider}'s best is ${best} min`,
    action: (action, mode, provider, offered) =>
      `The customer wants the provider to ${action} (${mode}); ${provider} supports ${offered}`,
    hours: (wanted, provider, offered) =>
      `The customer wants service ${wanted}; ${provider} offers ${offered}`,
    channel: (channel, usage, provider, offered) =>
      `The customer wants ${channel} for ${usage}; ${provider} offers ${offered}`,
    slaChannelUsage: (severity) => `${severity} alerts`,
    communicationUsage: () => 'communication',
  },
};

const JA: Labels = {
  documentTitle: {
    service_agreement: 'MDR サービス契約書',
    peacetime_runbook: '平時運用 手順書',
    incident_runbook: '有事運用 手順書',
  },
  operation: { peacetime_runbook: '平時運用', incident_runbook: '有事運用' },
  meta: {
    customer: 'お客様',
    provider: 'MDR 事業者',
    engagement: '契約案件',
    version: '版',
    language: '文書の言語',
    basedOnAgreement: '準拠するサービス契約の版',
    noAgreement: 'サービス契約は未作成です',
  },
  sections: {
    scope: '対象範囲',
    serviceHours: 'サービス提供時間',
    sla: '重大度別のサービスレベル',
    responseAuthorisation: '対応措置の権限',
    neverTouch: '操作禁止の資産',
    communication: '連絡言語と連絡手段',
    escalationContacts: 'エスカレーション連絡先（連絡順）',
    tuning: '検知モードでのチューニング期間',
    steps: '手順',
    triage: '重大度別のトリアージ',
    escalationOrder: 'エスカレーションの順序',
    responseActions: '対応措置と権限',
    communicationTemplates: '連絡文のひな形',
  },
  columns: {
    clients: 'クライアント端末',
    servers: 'サーバー',
    countries: '国',
    sites: '拠点',
    coverage: '提供形態',
    timeZone: 'タイムゾーン',
    days: '曜日',
    hours: '時間帯',
    severity: '重大度',
    acknowledge: '受付期限',
    respond: '対応期限',
    channel: '連絡手段',
    action: '措置',
    mode: '権限',
    timeout: '回答期限',
    fallback: '回答がない場合',
    assetType: '種別',
    assetName: '名前',
    reason: '理由',
    primaryLanguage: '主言語',
    otherLanguages: 'その他の言語',
    channels: '連絡手段',
    order: '順位',
    name: '氏名',
    role: '役割',
    email: 'メール',
    phone: '電話',
    country: '国',
    workingHours: '勤務時間',
    owner: '担当',
    trigger: 'きっかけ',
    schedule: '実施周期',
    timing: '期限',
    actions: '作業内容',
    subject: '件名',
    body: '本文',
    category: '区分',
  },
  none: 'なし',
  minutes: (n) => `${n} 分`,
  days: (n) => `${n} 日`,
  tuningSentence: (n) =>
    `ブロックモードに切り替える前に、センサーを検知モードで少なくとも ${n} 日間運用し、チューニングを行います。`,
  severity: { critical: '緊急', high: '高', medium: '中', low: '低' },
  action: {
    isolate_host: 'ホストの隔離',
    kill_process: 'プロセスの強制終了',
    quarantine_file: 'ファイルの隔離',
    block_hash: 'ハッシュのブロック',
    disable_account: 'アカウントの無効化',
  },
  mode: { notify: '推奨のみ', collaborate: '協議', authorize: '事前承認（実施後に報告）' },
  modeExplanation: {
    notify: 'MDR 事業者は措置を推奨するのみで、実施の判断と実施はお客様が行います。',
    collaborate: 'MDR 事業者がお客様に確認し、回答期限まで待ったうえで、定めた対応をとります。',
    authorize:
      'お客様が事前に承認しているため、MDR 事業者が直ちに措置を実施し、お客様に報告します。',
  },
  fallback: { act: '措置を実施', wait: '回答を待つ' },
  channel: {
    phone: '電話',
    email: 'メール',
    chat: 'チャット',
    ticket: 'チケット',
    portal: 'ポータル',
  },
  coverage: { '24x7': '24時間365日', business_hours: '営業時間内' },
  weekday: { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' },
  assetType: { host: 'ホスト', group: 'グループ' },
  party: { customer: 'お客様', provider: 'MDR 事業者' },
  role: {
    customer_security_lead: 'セキュリティ責任者',
    customer_it: '各国 IT 担当者',
    provider_analyst: 'アナリスト',
    provider_lead: 'MDR 責任者',
    account_manager: 'アカウントマネージャー',
    platform_admin: 'プラットフォーム管理者',
  },
  category: {
    periodic_report: '定期報告',
    sensor_health_check: 'センサー稼働確認',
    tuning_review: 'チューニングの見直し',
    regular_meeting: '定例会',
    triage: 'トリアージ',
    escalation: 'エスカレーション',
    response_action: '対応措置',
    communication: '連絡',
    recovery: '復旧',
    review: '事後レビュー',
    other: 'その他',
  },
  frequency: {
    daily: '毎日',
    weekly: '毎週',
    monthly: '毎月',
    quarterly: '四半期ごと',
    yearly: '毎年',
  },
  language: { ja: '日本語 (ja)', en: '英語 (en)', zh: '中国語 (zh)' },
  list: (items) => items.join('、'),
  mismatch: {
    noCatalogue: (provider) => `${provider} はサービスカタログを公開していません`,
    noAgreement: () => 'サービス契約はまだ作成されていません',
    language: (wanted, provider, offered) =>
      `お客様は ${wanted} を希望していますが、${provider} の対応言語は ${offered} です`,
    sla: (severity, measure, wanted, provider, best) =>
      `${severity}: ${measure === 'acknowledge' ? '受付' : '対応'}を ${wanted} 分以内に求めていますが、${provider} の最短は ${best} 分です`,
    action: (action, mode, provider, offered) =>
      `お客様は「${action}」（${mode}）を求めていますが、${provider} が対応できる措置は ${offered} です`,
    hours: (wanted, provider, offered) =>
      `お客様は ${wanted} のサービスを求めていますが、${provider} の提供時間は ${offered} です`,
    channel: (channel, usage, provider, offered) =>
      `お客様は${usage}に${channel}を求めていますが、${provider} の連絡手段は ${offered} です`,
    slaChannelUsage: (severity) => `重大度「${severity}」の連絡`,
    communicationUsage: () => '日常の連絡',
  },
};

const ZH: Labels = {
  documentTitle: {
    service_agreement: 'MDR 服务协议',
    peacetime_runbook: '日常运营手册',
    incident_runbook: '事件响应手册',
  },
  operation: { peacetime_runbook: '日常运营', incident_runbook: '事件响应' },
  meta: {
    customer: '客户',
    provider: 'MDR 服务商',
    engagement: '服务项目',
    version: '版本',
    language: '文档语言',
    basedOnAgreement: '所依据的服务协议版本',
    noAgreement: '尚无服务协议',
  },
  sections: {
    scope: '服务范围',
    serviceHours: '服务时间',
    sla: '各严重级别的服务水平',
    responseAuthorisation: '响应处置授权',
    neverTouch: '禁止操作的资产',
    communication: '沟通语言与渠道',
    escalationContacts: '升级联系人（按顺序）',
    tuning: '检测模式下的调优期',
    steps: '步骤',
    triage: '按严重级别分诊',
    escalationOrder: '升级顺序',
    responseActions: '响应处置及其授权',
    communicationTemplates: '沟通模板',
  },
  columns: {
    clients: '客户端',
    servers: '服务器',
    countries: '国家/地区',
    sites: '站点',
    coverage: '服务方式',
    timeZone: '时区',
    days: '工作日',
    hours: '时段',
    severity: '严重级别',
    acknowledge: '确认时限',
    respond: '响应时限',
    channel: '渠道',
    action: '处置',
    mode: '授权方式',
    timeout: '等待时限',
    fallback: '未答复时',
    assetType: '类型',
    assetName: '名称',
    reason: '原因',
    primaryLanguage: '主要语言',
    otherLanguages: '其他语言',
    channels: '沟通渠道',
    order: '顺序',
    name: '姓名',
    role: '职责',
    email: '电子邮件',
    phone: '电话',
    country: '国家/地区',
    workingHours: '工作时间',
    owner: '负责方',
    trigger: '触发条件',
    schedule: '执行周期',
    timing: '时限',
    actions: '具体操作',
    subject: '主题',
    body: '正文',
    category: '类别',
  },
  none: '无',
  minutes: (n) => `${n} 分钟`,
  days: (n) => `${n} 天`,
  tuningSentence: (n) => `在切换到阻止模式之前，传感器至少在检测模式下运行 ${n} 天，用于调优。`,
  severity: { critical: '严重', high: '高', medium: '中', low: '低' },
  action: {
    isolate_host: '隔离主机',
    kill_process: '终止进程',
    quarantine_file: '隔离文件',
    block_hash: '阻止哈希',
    disable_account: '禁用账户',
  },
  mode: { notify: '仅提供建议', collaborate: '协商', authorize: '已预先授权（先处置后告知）' },
  modeExplanation: {
    notify: 'MDR 服务商仅建议处置措施，由客户决定并执行。',
    collaborate: 'MDR 服务商先征询客户意见，在等待时限内未获答复时，按约定方式处理。',
    authorize: '客户已预先授权，MDR 服务商立即处置并告知客户。',
  },
  fallback: { act: '执行处置', wait: '继续等待' },
  channel: { phone: '电话', email: '电子邮件', chat: '即时通讯', ticket: '工单', portal: '门户' },
  coverage: { '24x7': '全天候 (24x7)', business_hours: '工作时间' },
  weekday: {
    mon: '周一',
    tue: '周二',
    wed: '周三',
    thu: '周四',
    fri: '周五',
    sat: '周六',
    sun: '周日',
  },
  assetType: { host: '主机', group: '组' },
  party: { customer: '客户', provider: 'MDR 服务商' },
  role: {
    customer_security_lead: '安全负责人',
    customer_it: '各国 IT 人员',
    provider_analyst: '分析师',
    provider_lead: 'MDR 负责人',
    account_manager: '客户经理',
    platform_admin: '平台管理员',
  },
  category: {
    periodic_report: '定期报告',
    sensor_health_check: '传感器健康检查',
    tuning_review: '调优评审',
    regular_meeting: '例会',
    triage: '分诊',
    escalation: '升级',
    response_action: '响应处置',
    communication: '沟通',
    recovery: '恢复',
    review: '事后复盘',
    other: '其他',
  },
  frequency: {
    daily: '每天',
    weekly: '每周',
    monthly: '每月',
    quarterly: '每季度',
    yearly: '每年',
  },
  language: { ja: '日语 (ja)', en: '英语 (en)', zh: '中文 (zh)' },
  list: (items) => items.join('、'),
  mismatch: {
    noCatalogue: (provider) => `${provider} 尚未发布服务目录`,
    noAgreement: () => '尚未起草服务协议',
    language: (wanted, provider, offered) => `客户需要 ${wanted}；${provider} 提供 ${offered}`,
    sla: (severity, measure, wanted, provider, best) =>
      `${severity}：要求 ${wanted} 分钟内${measure === 'acknowledge' ? '确认' : '响应'}；${provider} 最快为 ${best} 分钟`,
    action: (action, mode, provider, offered) =>
      `客户要求服务商执行“${action}”（${mode}）；${provider} 支持的处置为 ${offered}`,
    hours: (wanted, provider, offered) => `客户需要 ${wanted} 的服务；${provider} 提供 ${offered}`,
    channel: (channel, usage, provider, offered) =>
      `客户希望${usage}使用${channel}；${provider} 提供 ${offered}`,
    slaChannelUsage: (severity) => `“${severity}”级别告警`,
    communicationUsage: () => '日常沟通',
  },
};

const LABELS: Record<Language, Labels> = { en: EN, ja: JA, zh: ZH };

export function labelsFor(language: Language): Labels {
  return LABELS[language] ?? EN;
}

/** Mon–Fri 09:00–18:00 style summaries of days and hours. */
export function describeDays(labels: Labels, days: readonly Weekday[]): string {
  const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const indexes = days.map((d) => order.indexOf(d)).sort((a, b) => a - b);
  const consecutive = indexes.every((value, i) => i === 0 || value === indexes[i - 1] + 1);
  if (indexes.length >= 3 && consecutive) {
    return `${labels.weekday[order[indexes[0]]]}–${labels.weekday[order[indexes[indexes.length - 1]]]}`;
  }
  return labels.list(indexes.map((i) => labels.weekday[order[i]]));
}
