import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import { reviseTemplate } from './revise-template';
import { STANDARD_TASK_EVIDENCE } from './standard-task-evidence';

/*
 * Version 2 of the standard onboarding: version 1 with each step owned by the role that can
 * really do it, step texts that say what the portal does, the evidence each task takes, and the
 * unsupported-OS decisions and update waves approved as snapshots of the real configuration.
 * Onboardings made from version 1 keep it (and the database's recorded copy of it); new
 * onboardings get this one.
 */
export const EDR_MDR_ONBOARDING_V2 = reviseTemplate(EDR_MDR_ONBOARDING_V1, 2, {
  steps: {
    ...STANDARD_TASK_EVIDENCE,
    // The customer approves what the server takes from the real configuration: the whole set of
    // decisions on unsupported endpoints, proposed by the provider once each is approved ...
    unsupported_os_decisions: {
      type: 'approval',
      proposer: { party: 'provider', role: 'provider_lead' },
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
    // ... and the update waves, proposed by the provider (who designs groups, policies and site
    // figures) and approved by the country IT staff, who run the links and know the peaks.
    update_waves_plan: {
      type: 'approval',
      proposer: { party: 'provider', role: 'provider_lead' },
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
    // What the portal really does: the provider sends the permission mail from here; the
    // customer's addressee answers by the mail's link (or by replying to it).
    domain_permission_email: {
      title: {
        ja: 'ドメイン許可通知メールへの応答',
        en: 'Answer the domain-permission email',
        zh: '回复域许可通知邮件',
      },
      description: {
        ja:
          'MDR事業者がポータルから、顧客が申告したドメインの担当者（セキュリティ責任者など）宛てに' +
          'ドメイン許可通知メールを送ります。受信者はメールのリンクを開いて内容を確認し、承認または拒否します' +
          '（メールへの返信でも承認できます）。この応答と書面へのサインの両方が完了するまで、' +
          'MDR事業者はテナントにアクセスできません。',
        en:
          "The provider sends the domain-permission email from the portal to an address in the customer's " +
          'declared domains (usually the security lead). The recipient opens the link in the mail, reads ' +
          'what is authorised and approves or declines (replying to the mail approves too). The provider ' +
          'cannot access the tenant until both this answer and the signed document are done.',
        zh:
          'MDR 服务商通过门户向客户申报域名内的地址（通常为安全负责人）发送域许可通知邮件。' +
          '收件人打开邮件中的链接，查看授权内容后批准或拒绝（回复该邮件也可批准）。' +
          '在该答复与文件签署均完成之前，服务商无法访问租户。',
      },
    },
    domain_authorisation_signature: {
      description: {
        ja:
          'MDR事業者がポータルから署名を依頼し、セキュリティ責任者（または申告ドメインの署名者）が' +
          '本人確認のうえ、EDRベンダーのドメイン許可の書面（MDR事業者による顧客テナントの管理を認めるもの）に' +
          'ポータル上でサインします。ドメイン許可通知メールへの応答とあわせて、ベンダーの処理期間を見込み、' +
          'サービス開始予定日に間に合うよう完了させてください。',
        en:
          "The provider requests the signature in the portal; the security lead (or a signer in the customer's " +
          "declared domains) re-authenticates and signs the EDR vendor's domain authorisation document, which " +
          "allows the provider to manage the customer's tenant. Together with the answer to the domain-permission " +
          "email it must be done in time for the planned service start; allow for the vendor's processing time.",
        zh:
          'MDR 服务商在门户中发起签署请求，安全负责人（或客户申报域名内的签署人）经身份验证后，' +
          '在门户上签署 EDR 厂商的域授权文件（授权服务商管理客户的租户）。' +
          '该文件须与域许可通知邮件的答复一同在计划的服务启动日期前完成，请预留厂商的处理时间。',
      },
    },
    // The provider designs the groups, so the provider fixes endpoints in no group or in several.
    group_coverage_check: {
      party: 'provider',
      role: 'provider_lead',
      description: {
        ja:
          '自動チェック：インベントリ上の対象端末すべてがちょうど1つのグループに属し、' +
          '適用されるポリシーが1つに定まることを確認します。' +
          '未割り当ての端末や複数のグループに属する端末は、MDR事業者がグループのルールまたは一覧を修正します（各国のIT担当者が所属を知らせます）。',
        en:
          'Automatic check: every in-scope endpoint of the inventory belongs to exactly one ' +
          'group, so exactly one policy applies to it. For endpoints in no group or in several, ' +
          "the provider corrects the groups' rules or lists (country IT staff say where they belong).",
        zh:
          '自动检查：清单中范围内的每台终端都恰好属于一个分组，从而只适用一个策略。' +
          '对于未分配或重复分配的终端，由 MDR 服务商修正分组规则或列表（各国 IT 人员告知其归属）。',
      },
    },
  },
});
