import type { Language } from '@app/access';

/** The words of a proposal document's frame (the snapshot's own words come from its provider). */
export interface DocumentLabels {
  proposal: string;
  customer: string;
  provider: string;
  engagement: string;
  step: string;
  version: string;
  status: string;
  proposedBy: string;
  proposedOn: string;
  hash: string;
  hashNote: string;
  note: string;
  comparedWith: string;
  firstApproval: string;
  changesHeading: (version: number) => string;
  changesFirst: string;
  noChanges: string;
  item: string;
  field: string;
  before: string;
  after: string;
  mark: { added: string; removed: string; changed: string };
  statusText: Record<ProposalStatus, string>;
  outdatedBecause: (what: string) => string;
  approvedOn: (version: number, date: string, by: string | null) => string;
  kind: { snapshot: string; content: string };
  /** A version of a configuration step written before the portal took snapshots. */
  legacy: string;
  /** "a (b)", with the language's brackets. */
  aside: (text: string, aside: string) => string;
}

export type ProposalStatus =
  'approved' | 'awaiting_approval' | 'outdated' | 'superseded' | 'rejected';

export const DOCUMENT_LABELS: Readonly<Record<Language, DocumentLabels>> = {
  en: {
    proposal: 'Proposal',
    customer: 'Customer',
    provider: 'MDR provider',
    engagement: 'Engagement',
    step: 'Onboarding step',
    version: 'Version',
    status: 'Status',
    proposedBy: 'Proposed by',
    proposedOn: 'Proposed on',
    hash: 'SHA-256',
    hashNote: 'An approval binds to this hash.',
    note: "Proposer's note",
    comparedWith: 'Compared with',
    firstApproval: 'Nothing has been approved before: this is the first version to approve.',
    changesHeading: (v) => `What changed since approved version ${v}`,
    changesFirst: 'What changed',
    noChanges: 'Nothing changed since the approved version.',
    item: 'Item',
    field: 'Field',
    before: 'Approved',
    after: 'Proposed',
    mark: { added: 'New', removed: 'Removed', changed: 'Changed' },
    statusText: {
      approved: 'Approved',
      awaiting_approval: 'Waiting for approval',
      outdated: 'Out of date: the configuration changed after it was taken',
      superseded: 'Replaced by a newer version',
      rejected: 'Rejected',
    },
    outdatedBecause: (what) => `The configuration changed after this version was taken: ${what}`,
    approvedOn: (v, date, by) => `Version ${v}, approved on ${date}${by ? ` by ${by}` : ''}`,
    kind: {
      snapshot: 'Snapshot of the configuration taken by the portal',
      content: 'Written by the proposer',
    },
    legacy:
      'This version was written by hand before the portal took snapshots of the configuration; it cannot be approved. The proposer proposes the current plan.',
    aside: (text, aside) => `${text} (${aside})`,
  },
  ja: {
    proposal: '提案',
    customer: '顧客',
    provider: 'MDR事業者',
    engagement: '契約',
    step: 'オンボーディングの手順',
    version: '版',
    status: '状態',
    proposedBy: '提案者',
    proposedOn: '提案日',
    hash: 'SHA-256',
    hashNote: '承認はこのハッシュに結び付けられます。',
    note: '提案者からのコメント',
    comparedWith: '比較対象',
    firstApproval: 'これまでに承認された版はありません。初めて承認する版です。',
    changesHeading: (v) => `承認済みの第${v}版からの変更点`,
    changesFirst: '変更点',
    noChanges: '承認済みの版から変更はありません。',
    item: '対象',
    field: '項目',
    before: '承認済み',
    after: '提案',
    mark: { added: '追加', removed: '削除', changed: '変更' },
    statusText: {
      approved: '承認済み',
      awaiting_approval: '承認待ち',
      outdated: '失効：取得後に設定が変更されました',
      superseded: '新しい版に置き換え済み',
      rejected: '却下',
    },
    outdatedBecause: (what) => `この版の取得後に設定が変更されました：${what}`,
    approvedOn: (v, date, by) => `第${v}版（${date}${by ? `、${by}` : ''}が承認）`,
    kind: { snapshot: 'ポータルが取得した設定のスナップショット', content: '提案者が記入した内容' },
    legacy:
      'この版はポータルが設定のスナップショットを取得する前に手書きされたもので、承認できません。提案者が現在の計画を提案します。',
    aside: (text, aside) => `${text}（${aside}）`,
  },
  zh: {
    proposal: '提案',
    customer: '客户',
    provider: 'MDR 服务商',
    engagement: '服务合同',
    step: '上线步骤',
    version: '版本',
    status: '状态',
    proposedBy: '提出人',
    proposedOn: '提出日期',
    hash: 'SHA-256',
    hashNote: '审批与此哈希值绑定。',
    note: '提出人的说明',
    comparedWith: '比较对象',
    firstApproval: '此前没有已批准的版本：这是首个待批准的版本。',
    changesHeading: (v) => `自已批准的第 ${v} 版以来的变更`,
    changesFirst: '变更',
    noChanges: '与已批准的版本相比没有变更。',
    item: '对象',
    field: '字段',
    before: '已批准',
    after: '提案',
    mark: { added: '新增', removed: '删除', changed: '变更' },
    statusText: {
      approved: '已批准',
      awaiting_approval: '等待审批',
      outdated: '已失效：获取后配置发生了变更',
      superseded: '已被新版本取代',
      rejected: '已驳回',
    },
    outdatedBecause: (what) => `此版本获取后配置发生了变更：${what}`,
    approvedOn: (v, date, by) => `第 ${v} 版（${date}${by ? `由${by}` : ''}批准）`,
    kind: { snapshot: '门户获取的配置快照', content: '提出人填写的内容' },
    legacy: '此版本是在门户获取配置快照之前手写的，无法批准。请提出人提交当前计划。',
    aside: (text, aside) => `${text}（${aside}）`,
  },
};
