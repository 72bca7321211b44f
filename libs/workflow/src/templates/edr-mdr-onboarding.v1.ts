import type { ReminderSchedule, TemplateDefinition } from './template.types';

/*
 * The standard EDR/MDR onboarding, built on the six things a roll-out must get right (DOMAIN.md):
 * environment, groups_policies, network, migration, detection and mdr_service.
 *
 * - dueOffsetDays counts from the planned service start (negative = before it).
 * - requiredForStart marks what the service-start gate needs done (or waived); production-phase
 *   items that follow the start (block mode, first report) are not required.
 * - waivable is true only for optional items; never for the agreement, the signature or the
 *   domain-permission email. No required step depends on a waivable one.
 * - Step keys are stable: later features attach to them. A changed template gets a new version.
 */

/** The vendor's domain authorisation has a lead time: remind early and daily once overdue. */
const VENDOR_DEADLINE_REMINDERS: ReminderSchedule = {
  beforeDueDays: [7, 3, 1],
  afterDueEveryDays: 1,
  maxReminders: 10,
};

/** The go-live review sits two days before the start: remind the day before and daily after. */
const GO_LIVE_REMINDERS: ReminderSchedule = {
  beforeDueDays: [3, 1],
  afterDueEveryDays: 1,
  maxReminders: 5,
};

/** The inventory feeds almost every later step: a week's notice, then every three days. */
const EARLY_START_REMINDERS: ReminderSchedule = {
  beforeDueDays: [7, 2],
  afterDueEveryDays: 3,
  maxReminders: 5,
};

export const EDR_MDR_ONBOARDING_V1: TemplateDefinition = {
  key: 'edr-mdr-onboarding',
  version: 1,
  name: {
    ja: 'EDR/MDR 導入オンボーディング（標準）',
    en: 'EDR/MDR onboarding (standard)',
    zh: 'EDR/MDR 导入上线流程（标准）',
  },
  description: {
    ja:
      'MDR事業者と連携してEDRを導入するための標準オンボーディングです。現在の環境の把握、' +
      'グループとポリシーの設計、ネットワーク帯域への影響の抑制、' +
      '検知モードからブロックモードへの段階的な移行、脅威検知のカスタマイズと通知、' +
      '外部の監視運用サービスとの連携を、サービス開始予定日に向けて進めます。',
    en:
      'Standard onboarding for rolling out EDR with a managed detection and response (MDR) ' +
      'provider: knowing the current environment, group and policy design, protecting network ' +
      'bandwidth, a staged migration from detect mode to block mode, detection customisation and ' +
      'notification, and working with the MDR service, all the way to the planned service start.',
    zh:
      '与 MDR 服务商协同部署 EDR 的标准上线流程：涵盖现有环境摸底、分组与策略设计、' +
      '网络带宽影响控制、从检测模式到阻断模式的分阶段迁移、威胁检测定制与通知，' +
      '以及与外部监控运维服务的对接，直至计划的服务启动日期。',
  },
  phases: [
    {
      key: 'introduction',
      title: {
        ja: '導入期',
        en: 'Introduction',
        zh: '导入期',
      },
      description: {
        ja:
          '現在の環境を把握し、グループとポリシー、アップデート方針、' +
          '移行計画を設計・承認したうえでコンソールを設定し、センサー展開を開始する期間です。' +
          'MDRサービスの要件確認、契約、運用手順書の合意、関係者への説明もこの期間に行います。',
        en:
          'Know the current environment; design and approve groups and policies, the update ' +
          'policy and the migration plan; set up the console and start sensor deployment. The ' +
          'MDR requirements, agreement and runbooks are agreed and staff are briefed in this ' +
          'phase.',
        zh:
          '摸清现有环境，设计并审批分组与策略、更新策略和迁移计划，' +
          '完成管理控制台配置并开始部署传感器。MDR 服务需求确认、服务协议、' +
          '运维手册的商定以及相关人员说明会也在此阶段进行。',
      },
    },
    {
      key: 'pre_production',
      title: {
        ja: 'プレ本番期',
        en: 'Pre-production',
        zh: '试运行期',
      },
      description: {
        ja:
          '暫定運用から本番運用へ移行する期間です。検知モードで誤検知をチューニングし、' +
          'ドメイン許可（書面へのサインとドメイン許可通知メールへの応答）を完了してMDR事業者が' +
          'コンソールを監視できる状態にし、サービス開始を判定します。',
        en:
          'The transition from provisional to production operation: false positives are tuned in ' +
          'detect mode, the domain authorisation (signature on the document and reply to the ' +
          'domain-permission email) is completed so the provider can watch the console, and ' +
          'readiness for the service start is reviewed.',
        zh:
          '从临时运行过渡到正式运行的阶段：在检测模式下调优误报，' +
          '完成域授权（签署文件并回复域许可通知邮件），使服务商能够监控控制台，' +
          '并评审服务启动是否就绪。',
      },
    },
    {
      key: 'production',
      title: {
        ja: '本番期',
        en: 'Production',
        zh: '正式运行期',
      },
      description: {
        ja:
          '本番運用を開始した後の期間です。' +
          'チューニングを終えたグループを計画に沿ってブロックモードへ切り替え、' +
          'MDR事業者による平時運用が定着していることを定期報告で確認します。',
        en:
          'Production operation has started: groups whose tuning is done are switched to block ' +
          "mode as planned, and the first regular reports confirm that the provider's peacetime " +
          'operation is running.',
        zh:
          '正式运行开始后的阶段：按计划将已完成调优的分组切换为阻断模式，' +
          '并通过定期报告确认服务商的日常运维已步入正轨。',
      },
    },
  ],
  steps: [
    // --- 導入期 / introduction --------------------------------------------------------------
    {
      key: 'mdr_requirements_defined',
      phase: 'introduction',
      area: 'mdr_service',
      type: 'task',
      party: 'customer',
      role: 'customer_security_lead',
      dependsOn: [],
      dueOffsetDays: -75,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'MDRサービス要件の整理',
        en: 'Define the MDR service requirements',
        zh: '明确 MDR 服务需求',
      },
      description: {
        ja:
          '平時運用（監視時間帯、アラートの一次分析、定期報告、' +
          'ポリシーや除外設定の変更対応）と有事運用（エスカレーションの期限、' +
          'MDR事業者に任せる端末隔離などの対処、駆け付け支援、' +
          'フォレンジック支援）でMDRサービスに求める要件と、各国で必要な言語を整理します。',
        en:
          'Record what the MDR service must cover in peacetime operation (monitoring hours, ' +
          'alert triage, regular reports, policy and exclusion changes) and in incident ' +
          'operation (escalation times, endpoint isolation and other actions the provider may ' +
          'take, on-site support, forensics), and the languages each country needs.',
        zh:
          '整理对 MDR 服务在日常运维（监控时段、告警初步分析、定期报告、策略与排除项变更）' +
          '和应急响应（升级时限、允许服务商执行的终端隔离等处置、现场支援、取证支援）方面的要求，' +
          '以及各国所需的沟通语言。',
      },
    },
    {
      key: 'provider_requirements_check',
      phase: 'introduction',
      area: 'mdr_service',
      type: 'automatic_check',
      party: 'provider',
      role: 'provider_lead',
      dependsOn: ['mdr_requirements_defined'],
      dueOffsetDays: -70,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'MDR事業者の要件充足チェック',
        en: 'Provider meets the requirements',
        zh: '服务商需求满足情况检查',
      },
      description: {
        ja:
          '自動チェック：整理した平時運用・有事運用の要件と、' +
          'MDR事業者が登録した対応範囲を突き合わせます。すべての要件を満たすか、' +
          '代替策が合意されていれば合格です。不足がある場合、' +
          'MDR事業者のリーダーが契約案の作成前に不足を解消するか代替策を提示します。',
        en:
          'Automatic check: compares the recorded peacetime and incident operation requirements ' +
          'with the capabilities the provider has declared. It passes when every requirement is ' +
          'met or has an agreed alternative; otherwise the provider lead closes the gap or ' +
          'proposes an alternative before the agreement is drafted.',
        zh:
          '自动检查：将已登记的日常运维与应急响应需求，与服务商申报的服务能力进行比对。' +
          '所有需求均已满足或已商定替代方案即为通过；' +
          '否则由服务商负责人在起草服务协议前补齐差距或提出替代方案。',
      },
    },
    {
      key: 'endpoint_inventory',
      phase: 'introduction',
      area: 'environment',
      type: 'task',
      party: 'customer',
      role: 'customer_it',
      dependsOn: [],
      dueOffsetDays: -60,
      reminders: EARLY_START_REMINDERS,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '端末インベントリの取り込み',
        en: 'Import the endpoint inventory',
        zh: '导入终端资产清单',
      },
      description: {
        ja:
          '対象となるすべてのクライアントPCとサーバーを国・拠点ごとに取り込みます（ホスト名、' +
          'OSとバージョン、Linuxはカーネルバージョン、業務上の役割、管理責任者）。' +
          'センサーの対応可否と各OSの（延長）サポート終了日は、このインベントリから判定します。',
        en:
          'Import every client PC and server in scope, per country and site: host name, OS and ' +
          'version (kernel version for Linux), business role and owner. Whether the sensor ' +
          'supports each endpoint, and when its OS leaves (extended) support, is worked out from ' +
          'this inventory.',
        zh:
          '按国家和站点导入范围内的全部客户端 PC 与服务器：主机名、' +
          '操作系统及版本（Linux 需填写内核版本）、业务用途和负责人。' +
          '传感器是否支持以及各操作系统的（扩展）支持终止日期均据此判定。',
      },
    },
    {
      key: 'existing_security_products',
      phase: 'introduction',
      area: 'environment',
      type: 'task',
      party: 'customer',
      role: 'customer_it',
      dependsOn: ['endpoint_inventory'],
      dueOffsetDays: -55,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '既存セキュリティ製品の把握',
        en: 'Record the existing security products',
        zh: '登记现有安全产品',
      },
      description: {
        ja:
          '端末に導入済みのセキュリティ製品、' +
          '特にシグネチャ型のウイルス対策ソフト（AV）を記録します。製品名とバージョン、' +
          'リアルタイムスキャンと自動隔離の有無、撤去予定日があればその日付を登録します。',
        en:
          'Record the security products already installed on the endpoints, above all ' +
          'signature-based antivirus (AV): product and version, whether real-time scanning and ' +
          'automatic quarantine are on, and the planned removal date if there is one.',
        zh:
          '登记终端上已安装的安全产品，尤其是基于特征码的防病毒软件：产品与版本、' +
          '是否启用实时扫描和自动隔离，以及计划卸载日期（如有）。',
      },
    },
    {
      key: 'bandwidth_survey',
      phase: 'introduction',
      area: 'network',
      type: 'task',
      party: 'customer',
      role: 'customer_it',
      dependsOn: ['endpoint_inventory'],
      dueOffsetDays: -55,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '拠点ごとの回線帯域の把握',
        en: 'Survey the bandwidth of each site',
        zh: '调查各站点网络带宽',
      },
      description: {
        ja:
          '拠点ごとに回線帯域、現在のピーク時の使用率、端末台数を記録します。' +
          'センサーのアップデートでネットワークを逼迫させないよう、' +
          '同時更新台数を決める根拠になります。',
        en:
          'For each site, record the WAN and internet bandwidth, its current peak utilisation ' +
          'and the number of endpoints. This sizes how many endpoints may update at once without ' +
          'saturating the network.',
        zh:
          '按站点记录广域网与互联网带宽、当前峰值利用率和终端数量，作为确定同时更新终端数的依据，' +
          '避免传感器更新占满网络。',
      },
    },
    {
      key: 'unsupported_os_decisions',
      phase: 'introduction',
      area: 'environment',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['endpoint_inventory'],
      dueOffsetDays: -50,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'サポート対象外OSの対応方針の承認',
        en: 'Approve the decisions on unsupported OSes',
        zh: '审批不受支持操作系统的处理决定',
      },
      description: {
        ja:
          'センサー非対応のOSやLinuxカーネル、または（延長）サポート終了日を過ぎた・間近のOSの' +
          '端末すべてに、承認済みの対応方針（アップグレード、EDRの対象外とする、代替策を講じて' +
          'リスクを受容する）があることを確認し、方針の全体を承認します。' +
          '個々の方針がすべて承認されるとMDR事業者のリーダーが一覧を提案し、' +
          '顧客のセキュリティ責任者が承認します。承認後に方針や判定が変わると再承認が必要です。',
        en:
          'Every endpoint whose OS or Linux kernel the sensor does not support, or whose OS is ' +
          'past or near its (extended) support end date, has an approved decision: upgrade, ' +
          'exclude it from the EDR scope, or accept the risk with a compensating control. Once ' +
          'each decision is approved, the provider lead proposes the whole set and the customer ' +
          'security lead approves it; a later change to the decisions or the classification ' +
          'needs a new approval.',
        zh:
          '凡操作系统或 Linux 内核不受传感器支持，或操作系统已过或临近（扩展）支持终止日期的终端，' +
          '均须有已批准的处理决定：升级、排除在 EDR 范围之外，或在采取补偿措施的前提下接受风险。' +
          '各项决定均获批准后，由服务商负责人提交决定全集，客户安全负责人审批；' +
          '批准后决定或判定结果发生变化须重新审批。',
      },
    },
    {
      key: 'communication_language',
      phase: 'introduction',
      area: 'mdr_service',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['provider_requirements_check'],
      dueOffsetDays: -50,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'MDR事業者とのコミュニケーション言語の決定',
        en: 'Fix the language used with the provider',
        zh: '确定与服务商的沟通语言',
      },
      description: {
        ja:
          'アラート、定期報告、エスカレーションの連絡、' +
          'インシデント対応でMDR事業者と使う言語（日本語・英語・中国語）を決定します。' +
          '国や連絡先によって異なる場合はそれぞれ決めます。' +
          'MDR事業者のリーダーが対応可能な言語を提案し、顧客のセキュリティ責任者が承認します。',
        en:
          'Fix the language (Japanese, English or Chinese) used with the provider for alerts, ' +
          'reports, escalation calls and incident response, per country or contact where it ' +
          'differs. The provider lead proposes what it can support; the customer security lead ' +
          'approves.',
        zh:
          '确定与服务商在告警、报告、升级联络和事件响应中使用的语言（日语、英语或中文）；' +
          '如因国家或联系人而异，则分别确定。由服务商负责人提出可支持的语言，客户安全负责人审批。',
      },
    },
    {
      key: 'service_agreement',
      phase: 'introduction',
      area: 'mdr_service',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['provider_requirements_check', 'communication_language'],
      dueOffsetDays: -45,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'MDRサービス契約内容の承認',
        en: 'Approve the MDR service agreement',
        zh: '审批 MDR 服务协议',
      },
      description: {
        ja:
          'MDR事業者とのサービス契約内容を承認します。対象の端末と国、監視時間帯、' +
          '対応時間の約束、事前確認なしにMDR事業者が実施できる対処、報告内容、' +
          'サービス開始予定日を含みます。',
        en:
          'Approve the agreement with the provider: endpoints and countries in scope, monitoring ' +
          'hours, response-time commitments, the actions the provider may take without asking ' +
          'first, reporting, and the planned service start date.',
        zh:
          '审批与服务商的服务协议：覆盖的终端与国家、监控时段、响应时效承诺、' +
          '服务商无需事先确认即可执行的处置措施、报告内容以及计划的服务启动日期。',
      },
    },
    {
      key: 'existing_av_plan',
      phase: 'introduction',
      area: 'environment',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['existing_security_products'],
      dueOffsetDays: -45,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '既存AVとの共存・撤去計画の承認',
        en: 'Approve the coexistence or removal plan for existing AV',
        zh: '审批现有防病毒软件共存/卸载方案',
      },
      description: {
        ja:
          '既存のウイルス対策ソフトを導入期間中と導入後にどう扱うか（相互に' +
          '除外設定をして共存させるか撤去するか、その時期）を承認します。' +
          '既存AVが隔離を行う端末では、二重隔離による障害を避けるため、' +
          'EDRのポリシー側で隔離を無効にします。',
        en:
          'Approve how each existing antivirus product is handled during and after the roll-out: ' +
          'coexist with mutual exclusions, or be removed, and when. Where the existing AV keeps ' +
          'quarantining, the EDR policy for those endpoints turns its own quarantine off to ' +
          'avoid double quarantine faults.',
        zh:
          '审批各现有防病毒软件在部署期间及之后的处理方式：配置相互排除项后共存，或予以卸载，' +
          '以及时间安排。凡现有防病毒软件仍执行隔离的终端，其 EDR 策略须关闭自身的隔离功能，' +
          '以免重复隔离导致故障。',
      },
    },
    {
      key: 'update_policy',
      phase: 'introduction',
      area: 'network',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['bandwidth_survey'],
      dueOffsetDays: -45,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'センサーアップデート方針の承認',
        en: 'Approve the sensor update policy',
        zh: '审批传感器更新策略',
      },
      description: {
        ja:
          'センサーのアップデートを自動で適用するか手動で適用するか、' +
          'また拠点ごとの同時更新台数の上限を、回線帯域と現在の使用率から算出して承認します。',
        en:
          'Approve whether sensor updates are applied automatically or manually, and the maximum ' +
          'number of endpoints that update at once at each site, sized from its bandwidth and ' +
          'current utilisation.',
        zh:
          '审批传感器更新采用自动还是手动方式，' +
          '以及根据各站点带宽和当前利用率确定的同时更新终端数上限。',
      },
    },
    {
      key: 'group_policy_design',
      phase: 'introduction',
      area: 'groups_policies',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['endpoint_inventory', 'unsupported_os_decisions', 'existing_av_plan'],
      dueOffsetDays: -40,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'グループとポリシー設計の承認',
        en: 'Approve the group and policy design',
        zh: '审批分组与策略设计',
      },
      description: {
        ja:
          '端末のグループ分け（例：事務用PC、基幹業務サーバー、アプリケーション評価用端末、' +
          '国別）とグループごとのポリシーを承認します。' +
          '重大な検知で即時ブロックするグループと検知のみのグループ、AV計画に沿った隔離設定、' +
          '除外設定を含みます。',
        en:
          'Approve how endpoints are grouped (for example office PCs, core business servers, ' +
          "application-evaluation endpoints, by country) and each group's policy: which groups " +
          'block at once on a critical detection and which only detect, quarantine settings that ' +
          'follow the AV plan, and exclusions.',
        zh:
          '审批终端分组方式（如办公 PC、核心业务服务器、应用评估终端、按国家划分）及各组策略：' +
          '哪些分组在发现严重威胁时立即阻断、哪些仅检测，符合防病毒软件方案的隔离设置，' +
          '以及排除项。',
      },
    },
    {
      key: 'migration_plan',
      phase: 'introduction',
      area: 'migration',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['group_policy_design'],
      dueOffsetDays: -40,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '移行計画の承認（検知モードからブロックモードへ）',
        en: 'Approve the migration plan (detect mode to block mode)',
        zh: '审批迁移计划（检测模式→阻断模式）',
      },
      description: {
        ja:
          '移行ステップを関係者と合意します。全グループを検知モードで開始すること、' +
          'チューニング期間の長さ、' +
          'ポリシーの適用で各グループをブロックモードへ切り替える基準と順序、' +
          '自動ブロックが行われない間もセキュリティレベルを既存製品より下げないための手当てを' +
          '含みます。',
        en:
          'Agree the migration steps with stakeholders: every group starts in detect mode; the ' +
          'length of the tuning period; the criteria and order for switching each group to block ' +
          'mode by applying a policy; and how the security level is kept no lower than the ' +
          'existing products give while nothing is blocked automatically.',
        zh:
          '与相关方商定迁移步骤：所有分组以检测模式起步；调优期的长度；' +
          '通过应用策略将各分组切换为阻断模式的标准与顺序；' +
          '以及在不自动阻断期间如何确保安全水平不低于现有产品。',
      },
    },
    {
      key: 'update_waves_plan',
      phase: 'introduction',
      area: 'network',
      type: 'approval',
      party: 'customer',
      role: 'customer_it',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['update_policy', 'group_policy_design'],
      dueOffsetDays: -38,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'アップデートの段階配信計画の承認',
        en: 'Approve the update waves',
        zh: '审批分批更新计划',
      },
      description: {
        ja:
          '承認された同時更新台数の範囲で、拠点・グループごとに端末を配信ウェーブに割り当てた' +
          '計画を確認します。サーバーは、同じバージョンが事務用PCで問題なく適用されたことを' +
          '確認してから更新します。MDR事業者のリーダーが計画を提案し、回線と業務のピークを' +
          '把握している各国のIT担当者が承認します。',
        en:
          'Check the plan that assigns endpoints to update waves within the approved concurrency ' +
          'limits, per site and group. Servers update only after office PCs have taken the same ' +
          'version without problems. The provider lead proposes the plan; the country IT staff, ' +
          'who know the links and the business peaks, approve it.',
        zh:
          '确认在已批准的同时更新上限内、按站点和分组将终端分配到各更新批次的计划。' +
          '服务器须在办公 PC 顺利更新同一版本之后再更新。由服务商负责人提出计划，' +
          '由了解线路和业务高峰的各国 IT 人员审批。',
      },
    },
    {
      key: 'server_detect_mode_check',
      phase: 'introduction',
      area: 'groups_policies',
      type: 'automatic_check',
      party: 'provider',
      role: 'provider_lead',
      dependsOn: ['group_policy_design'],
      dueOffsetDays: -38,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'サーバーの検知モード開始チェック',
        en: 'Servers start in detect mode',
        zh: '服务器以检测模式起步检查',
      },
      description: {
        ja:
          '自動チェック：サーバーを含むすべてのグループが検知モードで開始し、' +
          'アプリケーション評価用のグループにはどのモードでもブロックや隔離の動作が' +
          '設定されていないことを確認します。不合格の場合、' +
          'MDR事業者のリーダーがポリシー設計を修正し、再承認を受けます。',
        en:
          'Automatic check: every group containing servers starts in detect mode, and no ' +
          'application-evaluation group has a block or quarantine action in any mode. If it ' +
          'fails, the provider lead corrects the policy design and has it approved again.',
        zh:
          '自动检查：所有包含服务器的分组均以检测模式起步，' +
          '且应用评估分组在任何模式下均未配置阻断或隔离动作。未通过时，' +
          '由服务商负责人修正策略设计并重新提交审批。',
      },
    },
    {
      key: 'group_coverage_check',
      phase: 'introduction',
      area: 'groups_policies',
      type: 'automatic_check',
      party: 'customer',
      role: 'customer_it',
      dependsOn: ['group_policy_design'],
      dueOffsetDays: -38,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '端末のグループ割り当てチェック',
        en: 'Every endpoint is in exactly one group',
        zh: '终端分组唯一性检查',
      },
      description: {
        ja:
          '自動チェック：インベントリ上の対象端末すべてがちょうど1つのグループに属し、' +
          '適用されるポリシーが1つに定まることを確認します。' +
          '未割り当ての端末や複数のグループに属する端末は、各国のIT担当者が割り当てを修正します。',
        en:
          'Automatic check: every in-scope endpoint of the inventory belongs to exactly one ' +
          'group, so exactly one policy applies to it. Country IT staff fix endpoints that are ' +
          'in no group or in several.',
        zh:
          '自动检查：清单中范围内的每台终端都恰好属于一个分组，从而只适用一个策略。' +
          '未分配或重复分配的终端由各国 IT 人员修正。',
      },
    },
    {
      key: 'av_quarantine_conflict_check',
      phase: 'introduction',
      area: 'environment',
      type: 'automatic_check',
      party: 'provider',
      role: 'provider_lead',
      dependsOn: ['existing_av_plan', 'group_policy_design'],
      dueOffsetDays: -38,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '二重隔離の防止チェック',
        en: 'No double quarantine',
        zh: '防止重复隔离检查',
      },
      description: {
        ja:
          '自動チェック：隔離機能が有効な既存AVを残す端末のグループで、' +
          'EDRのポリシーの隔離が無効になっていることを確認し、' +
          '2つの製品が同じファイルを隔離する二重隔離を防ぎます。',
        en:
          'Automatic check: no group whose endpoints keep an existing AV with quarantine enabled ' +
          'has quarantine enabled in its EDR policy, so the two products never quarantine the ' +
          'same file.',
        zh:
          '自动检查：凡终端保留了启用隔离功能的现有防病毒软件的分组，其 EDR 策略均已关闭隔离，' +
          '确保两款产品不会重复隔离同一文件。',
      },
    },
    {
      key: 'notification_routing',
      phase: 'introduction',
      area: 'detection',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['endpoint_inventory', 'service_agreement'],
      dueOffsetDays: -35,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '検知の通知先の承認（各国IT／本社）',
        en: 'Approve notification routing (country IT or headquarters)',
        zh: '审批检测通知路由（各国 IT／总部）',
      },
      description: {
        ja:
          '国ごとに、検知（国によって異なる不要なアプリケーションの検知を含む）を各国のIT担当者に' +
          '直接通知して対応してもらうか、' +
          'すべて本社に集約して本社が判断したうえで各国に指示するかを決定します。' +
          '業務時間外のエスカレーション経路も含みます。',
        en:
          'Decide, per country, whether detections (including unwanted applications, which ' +
          "differ by country) are notified to that country's IT staff to handle, or all go to " +
          'headquarters, which decides and then instructs each country. Includes the escalation ' +
          'path outside business hours.',
        zh:
          '按国家决定：检测结果（包括因国家而异的非必要应用程序）直接通知该国 IT 人员处理，' +
          '还是全部汇总至总部，由总部判断后再向各国下达指示。同时包括非工作时间的升级路径。',
      },
    },
    {
      key: 'static_block_list',
      phase: 'introduction',
      area: 'detection',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_analyst' },
      dependsOn: ['group_policy_design'],
      dueOffsetDays: -35,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '静的ブロックリストの承認',
        en: 'Approve the static block list',
        zh: '审批静态阻断列表',
      },
      description: {
        ja:
          '既知の攻撃（ファイルハッシュ、ドメイン、IPアドレス、' +
          'コマンドライン）を登録する静的ブロックリストの初期内容と、' +
          '以後このリストを編集できる担当者を承認します。' +
          'リストはベンダー独自の検知ロジックと併用されます。',
        en:
          'Approve the initial static block list of attacks the customer already knows (file ' +
          "hashes, domains, IP addresses, command lines), applied beside the vendor's own " +
          'detection logic, and who may edit it afterwards.',
        zh:
          '审批客户已知攻击（文件哈希、域名、IP 地址、命令行）的初始静态阻断列表，' +
          '以及日后可编辑该列表的人员。该列表与厂商自身的检测逻辑并行生效。',
      },
    },
    {
      key: 'effectiveness_check',
      phase: 'introduction',
      area: 'detection',
      type: 'task',
      party: 'provider',
      role: 'provider_analyst',
      dependsOn: ['group_policy_design'],
      dueOffsetDays: -35,
      requiredForStart: true,
      waivable: true,
      title: {
        ja: '過去のインシデントに対する有効性確認',
        en: 'Effectiveness check against past incidents',
        zh: '针对既往事件的有效性验证',
      },
      description: {
        ja:
          '顧客が過去に受けたインシデントの検体、痕跡情報、時系列をもとに、' +
          '設計したポリシーのEDRで検知・防御できたかを確認し、' +
          '静的ブロックリストへの登録やポリシー変更が必要な点を報告します。任意の作業です。',
        en:
          'Using the samples, indicators and timelines of incidents the customer suffered ' +
          'before, check whether the EDR with the designed policies would have detected or ' +
          'stopped them, and report gaps that call for static block list entries or policy ' +
          'changes. Optional.',
        zh:
          '基于客户既往事件的样本、威胁指标和时间线，' +
          '验证按所设计策略运行的 EDR 能否检测或阻止这些事件，' +
          '并报告需要加入静态阻断列表或调整策略之处。此项为可选。',
      },
    },
    {
      key: 'console_setup',
      phase: 'introduction',
      area: 'groups_policies',
      type: 'task',
      party: 'customer',
      role: 'customer_it',
      dependsOn: [
        'migration_plan',
        'update_policy',
        'server_detect_mode_check',
        'group_coverage_check',
        'av_quarantine_conflict_check',
      ],
      dueOffsetDays: -35,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'EDRコンソールの設定',
        en: 'Set up the EDR console',
        zh: '配置 EDR 管理控制台',
      },
      description: {
        ja:
          '承認されたグループ、ポリシー（開始時はすべて検知モード）、除外設定、' +
          'アップデート設定をEDRベンダーのコンソールに設定し、' +
          'グループごとのセンサーのインストールパッケージを準備します。',
        en:
          'Create the approved groups, policies (all in detect mode to begin with), exclusions ' +
          "and update settings in the EDR vendor's console, and prepare the sensor installation " +
          'package for each group.',
        zh:
          '在 EDR 厂商的管理控制台中创建已批准的分组、策略（起步时全部为检测模式）、' +
          '排除项和更新设置，并为各分组准备传感器安装包。',
      },
    },
    {
      key: 'sensor_deployment_started',
      phase: 'introduction',
      area: 'migration',
      type: 'task',
      party: 'customer',
      role: 'customer_it',
      dependsOn: ['console_setup', 'update_waves_plan'],
      dueOffsetDays: -30,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'センサー展開の開始',
        en: 'Start the sensor deployment',
        zh: '开始部署传感器',
      },
      description: {
        ja:
          'パイロットグループから、' +
          '配信ウェーブと各国のスケジュールに沿って検知モードでセンサーのインストールを開始し、' +
          '最初の端末がコンソールに接続した日を記録します。',
        en:
          'Start installing the sensor in detect mode, beginning with a pilot group and ' +
          "following the update waves and each country's schedule. Record the date the first " +
          'endpoints reported to the console.',
        zh:
          '从试点分组开始，按照分批更新计划和各国日程，以检测模式开始安装传感器，' +
          '并记录首批终端接入控制台的日期。',
      },
    },
    {
      key: 'peacetime_runbook',
      phase: 'introduction',
      area: 'mdr_service',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['service_agreement', 'communication_language', 'notification_routing'],
      dueOffsetDays: -30,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '平時運用手順書の承認',
        en: 'Approve the peacetime operation runbook',
        zh: '审批日常运维手册',
      },
      description: {
        ja:
          'MDR事業者による平時運用の内容を承認します。通知先の決定に沿ったアラートの分析と通知、' +
          '誤検知と除外依頼への対応、ポリシーと静的ブロックリストの変更手続き、' +
          'センサーのアップデート運用、定期報告と定例会を含みます。',
        en:
          'Approve how the provider runs the service day to day: alert triage and notification ' +
          'following the routing, handling of false positives and exclusion requests, changes to ' +
          'policies and the static block list, sensor update operation, regular reports and ' +
          'review meetings.',
        zh:
          '审批服务商的日常运维内容：按通知路由进行告警分析与通知、误报及排除申请的处理、' +
          '策略和静态阻断列表的变更流程、传感器更新运维，以及定期报告与例会。',
      },
    },
    {
      key: 'incident_runbook',
      phase: 'introduction',
      area: 'mdr_service',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['service_agreement', 'communication_language', 'notification_routing'],
      dueOffsetDays: -30,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '有事運用手順書の承認',
        en: 'Approve the incident operation runbook',
        zh: '审批应急响应手册',
      },
      description: {
        ja:
          'MDR事業者のインシデント対応の内容を事前に関係者と合意します。重大度の区分、' +
          '誰にどれだけの時間で（合意した言語で）連絡するか、' +
          'MDR事業者が即時に実施できる対処（端末の隔離、プロセスの停止、' +
          'ファイルのブロック）と顧客の承認が必要な対処、' +
          'フォレンジックと復旧への引き継ぎを含みます。',
        en:
          "Agree the provider's incident response with stakeholders beforehand: severity " +
          'levels, who is contacted and how fast (in the agreed language), which actions the ' +
          'provider may take at once (isolating an endpoint, killing a process, blocking a file) ' +
          "and which need the customer's approval, and the hand-over to forensics and recovery.",
        zh:
          '事先与相关方商定服务商的事件响应内容：严重级别划分、联络对象与时效（使用约定语言）、' +
          '服务商可立即执行的处置（隔离终端、终止进程、阻断文件）与须经客户批准的处置，' +
          '以及向取证和恢复环节的移交。',
      },
    },
    {
      key: 'staff_briefing',
      phase: 'introduction',
      area: 'mdr_service',
      type: 'task',
      party: 'customer',
      role: 'customer_security_lead',
      dependsOn: ['migration_plan', 'notification_routing'],
      dueOffsetDays: -25,
      requiredForStart: true,
      waivable: true,
      title: {
        ja: '関係者への説明',
        en: 'Brief the staff',
        zh: '向相关人员说明',
      },
      description: {
        ja:
          'エンドユーザー、各国のIT担当者、アプリケーション責任者に導入内容を説明します。' +
          'センサーと展開スケジュール、検知モードとその後のブロックモードが業務に与える影響、' +
          '誤検知が疑われる場合の連絡方法、' +
          'インシデント時にMDR事業者から連絡を受ける担当者を含みます。任意の作業です。',
        en:
          'Brief end users, country IT staff and application owners on the roll-out: the sensor ' +
          'and its schedule, what detect mode and later block mode mean for their work, how to ' +
          'report a suspected false positive, and who the provider will contact in an incident. ' +
          'Optional.',
        zh:
          '向最终用户、各国 IT 人员和应用负责人说明部署内容：传感器及部署日程、' +
          '检测模式和之后的阻断模式对业务的影响、疑似误报的反馈方式，' +
          '以及发生事件时服务商将联系的人员。此项为可选。',
      },
    },
    {
      key: 'notification_contacts',
      phase: 'introduction',
      area: 'detection',
      type: 'task',
      party: 'customer',
      role: 'customer_it',
      dependsOn: ['notification_routing'],
      dueOffsetDays: -25,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: '通知先の連絡先の登録',
        en: 'Register the notification contacts',
        zh: '登记通知联系人',
      },
      description: {
        ja:
          '承認された通知先の決定に沿って、' +
          '検知の通知を受ける連絡先（各国のIT担当者または本社の担当チーム）を、使用言語、' +
          '業務時間、時間外の連絡先とともに登録します。',
        en:
          'Register the contacts that receive detections under the approved routing (each ' +
          "country's IT staff or the headquarters team), with their language, business hours " +
          'and out-of-hours contact.',
        zh:
          '按照已批准的通知路由，登记接收检测通知的联系人（各国 IT 人员或总部团队），' +
          '并注明其语言、工作时间和非工作时间联系方式。',
      },
    },
    // --- プレ本番期 / pre-production ----------------------------------------------------------
    {
      key: 'domain_authorisation_signature',
      phase: 'pre_production',
      area: 'mdr_service',
      type: 'signature',
      party: 'customer',
      role: 'customer_security_lead',
      dependsOn: ['service_agreement'],
      dueOffsetDays: -14,
      reminders: VENDOR_DEADLINE_REMINDERS,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'ドメイン許可の書面へのサイン',
        en: 'Sign the domain authorisation document',
        zh: '签署域授权文件',
      },
      description: {
        ja:
          'MDR事業者が顧客のテナントを管理することを認める、' +
          'EDRベンダーのドメイン許可の書面にサインします。' +
          'ドメイン許可通知メールへの応答とあわせて、ベンダーの処理期間を見込み、' +
          'サービス開始予定日に間に合うよう完了させてください。',
        en:
          "Sign the EDR vendor's domain authorisation document, which allows the provider to " +
          "manage the customer's tenant. Together with the reply to the domain-permission email " +
          "it must be done in time for the planned service start; allow for the vendor's " +
          'processing time.',
        zh:
          '签署 EDR 厂商的域授权文件，授权服务商管理客户的租户。' +
          '该文件须与域许可通知邮件的回复一同在计划的服务启动日期前完成，请预留厂商的处理时间。',
      },
    },
    {
      key: 'domain_permission_email',
      phase: 'pre_production',
      area: 'mdr_service',
      type: 'email_confirmation',
      party: 'customer',
      role: 'customer_security_lead',
      dependsOn: ['service_agreement'],
      dueOffsetDays: -14,
      reminders: VENDOR_DEADLINE_REMINDERS,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'ドメイン許可通知メールへの応答',
        en: 'Reply to the domain-permission email',
        zh: '回复域许可通知邮件',
      },
      description: {
        ja:
          'EDRベンダーから届くドメイン許可通知メールに、権限のある顧客のアドレスから応答し、' +
          '応答したことをここで確認します。この応答と書面へのサインの両方が完了するまで、' +
          'MDR事業者はテナントにアクセスできません。',
        en:
          'Reply to the domain-permission notification email from the EDR vendor, from the ' +
          'authorised customer address, and confirm here that the reply was sent. The provider ' +
          'cannot access the tenant until both this reply and the signed document are done.',
        zh:
          '使用有权限的客户邮箱回复 EDR 厂商发送的域许可通知邮件，并在此确认已回复。' +
          '在该回复与文件签署均完成之前，服务商无法访问租户。',
      },
    },
    {
      key: 'sensor_deployment_completed',
      phase: 'pre_production',
      area: 'migration',
      type: 'task',
      party: 'customer',
      role: 'customer_it',
      dependsOn: ['sensor_deployment_started'],
      dueOffsetDays: -14,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'センサー展開の完了',
        en: 'Complete the sensor deployment',
        zh: '完成传感器部署',
      },
      description: {
        ja:
          '各国の対象端末すべてでセンサーがインストールされ、' +
          '検知モードでコンソールに接続していること、' +
          'サポート対象外OSの方針により対象外とした端末がその旨記録されていることを確認します。',
        en:
          'Confirm that the sensor is installed and reporting in detect mode on every in-scope ' +
          'endpoint in every country, and that endpoints excluded by an unsupported-OS decision ' +
          'are recorded as excluded.',
        zh:
          '确认各国范围内的每台终端均已安装传感器并以检测模式接入控制台，' +
          '且因不受支持操作系统的处理决定而排除的终端已如实标注。',
      },
    },
    {
      key: 'console_access_granted',
      phase: 'pre_production',
      area: 'mdr_service',
      type: 'task',
      party: 'provider',
      role: 'provider_lead',
      dependsOn: ['domain_authorisation_signature', 'domain_permission_email'],
      dueOffsetDays: -10,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'MDR事業者のコンソールアクセスの確認',
        en: "Confirm the provider's console access",
        zh: '确认服务商的控制台访问权限',
      },
      description: {
        ja:
          'ドメイン許可の完了後、MDR事業者のアナリストが合意した権限で' +
          'EDRコンソールの顧客テナントにアクセスでき、' +
          'アラートがMDR事業者の監視に届いていることを確認します。',
        en:
          "Once the domain authorisation is complete, confirm that the provider's analysts can " +
          "access the customer's tenant in the EDR console with the agreed permissions, and " +
          "that alerts reach the provider's monitoring.",
        zh:
          '域授权完成后，确认服务商分析师能够以约定的权限访问 EDR 控制台中的客户租户，' +
          '且告警能够送达服务商的监控平台。',
      },
    },
    {
      key: 'escalation_test',
      phase: 'pre_production',
      area: 'mdr_service',
      type: 'task',
      party: 'provider',
      role: 'provider_analyst',
      dependsOn: ['console_access_granted', 'incident_runbook', 'notification_contacts'],
      dueOffsetDays: -7,
      requiredForStart: true,
      waivable: true,
      title: {
        ja: 'エスカレーション連絡のテスト',
        en: 'Test the escalation path',
        zh: '测试升级联络流程',
      },
      description: {
        ja:
          '有事運用手順書のエスカレーション経路に沿って、' +
          '登録された連絡先へ合意した言語でテストアラートを送り、' +
          '合意した時間内に各連絡先から受領の連絡があることを確認します。任意ですが推奨します。',
        en:
          "Send a test alert along the incident runbook's escalation path to the registered " +
          'contacts, in the agreed language, and confirm each acknowledges it within the agreed ' +
          'time. Optional but recommended.',
        zh:
          '按照应急响应手册的升级路径，以约定语言向已登记的联系人发送测试告警，' +
          '并确认各联系人在约定时间内确认收到。此项为可选，但建议执行。',
      },
    },
    {
      key: 'tuning_period_completed',
      phase: 'pre_production',
      area: 'migration',
      type: 'task',
      party: 'customer',
      role: 'customer_security_lead',
      dependsOn: ['migration_plan', 'sensor_deployment_completed'],
      dueOffsetDays: -5,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'チューニング期間の完了',
        en: 'Complete the tuning period',
        zh: '完成调优期',
      },
      description: {
        ja:
          '移行計画で合意したチューニング期間を検知モードで実施したことを確認します。' +
          '業務アプリケーションで見つかった誤検知を確認して除外設定やポリシー変更で解消し、' +
          'グループごとにブロックモードへ切り替えられるかを記録します。',
        en:
          'Confirm that the tuning period agreed in the migration plan has run in detect mode: ' +
          'false positives found on business applications have been reviewed and resolved with ' +
          "exclusions or policy changes, and each group's readiness for block mode is recorded.",
        zh:
          '确认已按迁移计划约定的调优期以检测模式运行：业务应用上发现的误报均已复核，' +
          '并通过排除项或策略调整解决，且已记录各分组是否具备切换为阻断模式的条件。',
      },
    },
    {
      key: 'go_live_readiness_review',
      phase: 'pre_production',
      area: 'mdr_service',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: [
        'peacetime_runbook',
        'incident_runbook',
        'static_block_list',
        'notification_contacts',
        'console_access_granted',
        'tuning_period_completed',
      ],
      dueOffsetDays: -2,
      reminders: GO_LIVE_REMINDERS,
      requiredForStart: true,
      waivable: false,
      title: {
        ja: 'サービス開始判定',
        en: 'Go-live readiness review',
        zh: '上线就绪评审',
      },
      description: {
        ja:
          'サービス開始に必要な事項（契約、運用手順書、言語、ドメイン許可、コンソールアクセス、' +
          'センサー展開、チューニング）がすべて揃っていることを関係者で確認します。' +
          'MDR事業者のリーダーがサービス開始を提案し、' +
          '顧客のセキュリティ責任者が本番運用の開始を承認します。',
        en:
          'Review together that everything the service start needs is in place: agreement, ' +
          'runbooks, language, domain authorisation, console access, sensor deployment and ' +
          'tuning. The provider lead proposes the go-live; the customer security lead approves ' +
          'the start of production operation.',
        zh:
          '与相关方共同确认服务启动所需的各项均已就绪：服务协议、运维手册、沟通语言、域授权、' +
          '控制台访问、传感器部署和调优。由服务商负责人提出上线，客户安全负责人批准进入正式运行。',
      },
    },
    // --- 本番期 / production ----------------------------------------------------------------
    {
      key: 'switch_to_block_mode',
      phase: 'production',
      area: 'migration',
      type: 'task',
      party: 'customer',
      role: 'customer_security_lead',
      dependsOn: ['tuning_period_completed', 'go_live_readiness_review'],
      dueOffsetDays: 14,
      requiredForStart: false,
      waivable: false,
      title: {
        ja: 'ブロックモードへの切り替え',
        en: 'Switch to block mode',
        zh: '切换为阻断模式',
      },
      description: {
        ja:
          'チューニング期間の後、' +
          '移行計画で準備が整ったとされたグループにブロックモードのポリシーを合意した順序で' +
          '適用して切り替え、MDR事業者と影響を受ける国に知らせます。' +
          'サーバーとアプリケーション評価用のグループは検知モードのままとします。',
        en:
          'After the tuning period, switch the groups the migration plan marks as ready to block ' +
          'mode by applying their block-mode policy in the agreed order, and tell the provider ' +
          'and the countries affected. Server and application-evaluation groups stay in detect ' +
          'mode.',
        zh:
          '调优期结束后，按约定顺序为迁移计划中已就绪的分组应用阻断模式策略完成切换，' +
          '并告知服务商及受影响的国家。服务器分组和应用评估分组保持检测模式。',
      },
    },
    {
      key: 'first_monthly_report',
      phase: 'production',
      area: 'mdr_service',
      type: 'task',
      party: 'provider',
      role: 'provider_analyst',
      dependsOn: ['go_live_readiness_review'],
      dueOffsetDays: 35,
      requiredForStart: false,
      waivable: false,
      title: {
        ja: '初回の月次報告',
        en: 'Deliver the first monthly report',
        zh: '提交首份月度报告',
      },
      description: {
        ja:
          '平時運用の初回の月次報告を提出します。国別の検知件数と対応状況、' +
          '誤検知と追加した除外設定、センサーの導入率とアップデート状況、' +
          '未対応の推奨事項を含みます。',
        en:
          'Deliver the first monthly report of peacetime operation: detections and their ' +
          'handling per country, false positives and exclusions added, sensor coverage and ' +
          'update status, and open recommendations.',
        zh:
          '提交日常运维的首份月度报告：按国家统计的检测与处置情况、误报及新增排除项、' +
          '传感器覆盖率与更新状态，以及待处理的建议事项。',
      },
    },
    {
      key: 'server_block_mode_review',
      phase: 'production',
      area: 'migration',
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_analyst' },
      dependsOn: ['switch_to_block_mode'],
      dueOffsetDays: 45,
      requiredForStart: false,
      waivable: true,
      title: {
        ja: 'サーバーグループの動作モードの見直し',
        en: 'Review the mode of server groups',
        zh: '复核服务器分组的运行模式',
      },
      description: {
        ja:
          'サービス開始以降の検知状況をもとに、MDR事業者のアナリストがサーバーのグループごとに、' +
          'ブロックモードへ切り替えるか、監視を強化したうえで検知モードを続けるかを提案し、' +
          '顧客のセキュリティ責任者が判断します。アプリケーション評価用のグループは対象外です。',
        en:
          "From the detections seen since the start, the provider's analyst proposes for each " +
          'server group whether it moves to block mode or stays in detect mode with closer ' +
          'monitoring; the customer security lead decides. Application-evaluation groups are not ' +
          'in scope and never block.',
        zh:
          '根据服务启动以来的检测情况，由服务商分析师针对各服务器分组提出：切换为阻断模式，' +
          '或在加强监控的前提下继续保持检测模式；由客户安全负责人决定。应用评估分组不在此范围内，' +
          '始终不阻断。',
      },
    },
  ],
};
