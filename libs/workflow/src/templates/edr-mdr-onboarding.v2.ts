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
