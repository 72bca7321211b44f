import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import { reviseTemplate } from './revise-template';
import { STANDARD_TASK_EVIDENCE } from './standard-task-evidence';

/*
 * Version 2 of the standard onboarding: version 1 with each step owned by the role that can
 * really do it, step texts that say what the portal does, and the evidence each task takes. Onboardings made from version 1
 * keep it (and the database's recorded copy of it); new onboardings get this one.
 */
export const EDR_MDR_ONBOARDING_V2 = reviseTemplate(EDR_MDR_ONBOARDING_V1, 2, {
  steps: {
    ...STANDARD_TASK_EVIDENCE,
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
          'The provider requests the signature in the portal; the security lead (or a signer in the customer\'s ' +
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
