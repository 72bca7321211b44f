import type { Language } from '@app/access';

/** The readiness summary's words (its PDF; the portal page has its own catalog). */
export interface ReadinessWords {
  heading: (customer: string) => string;
  intro: (customer: string, provider: string, engagement: string, sequence: number) => string;
  asOf: (at: string) => string;
  forecast: string;
  planned: string;
  started: string;
  slipped: (days: number) => string;
  onPlan: string;
  progress: (done: number, total: number, percent: number) => string;
  waiting: string;
  nothingWaits: string;
  blockedLater: (count: number) => string;
  done: string;
  nothingDone: string;
  step: string;
  waitsOn: string;
  due: string;
  overdue: string;
  state: string;
  settledAt: string;
  party: Record<string, string>;
  stateName: Record<string, string>;
}

const EN: ReadinessWords = {
  heading: (c) => `Readiness summary: ${c}`,
  intro: (c, p, e, n) => `${c} with ${p}: ${e}, onboarding #${n}.`,
  asOf: (at) => `As of ${at}.`,
  forecast: 'Forecast service start',
  planned: 'Planned service start',
  started: 'Service started',
  slipped: (d) => `${d} day(s) later than planned: the earliest waiting step is that late.`,
  onPlan: 'On plan.',
  progress: (d, t, p) => `${d} of ${t} required steps settled (${p}%).`,
  waiting: 'What waits on whom',
  nothingWaits: 'No required step is open to anyone now.',
  blockedLater: (n) => `${n} more required step(s) follow once earlier ones are done.`,
  done: 'What is done',
  nothingDone: 'No step is settled yet.',
  step: 'Step',
  waitsOn: 'Waits on',
  due: 'Due',
  overdue: 'overdue',
  state: 'State',
  settledAt: 'Settled',
  party: { customer: 'Customer', provider: 'Provider' },
  stateName: {
    blocked: 'blocked',
    open: 'open',
    done: 'done',
    rejected: 'rejected',
    waived: 'waived',
    stale: 'to approve again',
  },
};

const JA: ReadinessWords = {
  heading: (c) => `準備状況サマリー：${c}`,
  intro: (c, p, e, n) => `${c}（提供：${p}）：${e}、オンボーディング #${n}`,
  asOf: (at) => `${at} 時点`,
  forecast: 'サービス開始見込み日',
  planned: 'サービス開始予定日',
  started: 'サービス開始日時',
  slipped: (d) =>
    `予定より ${d} 日遅れの見込みです（最も早い未完了ステップがその日数遅れています）。`,
  onPlan: '予定どおりです。',
  progress: (d, t, p) => `必須ステップ ${t} 件のうち ${d} 件が完了（${p}%）。`,
  waiting: '誰の対応待ちか',
  nothingWaits: '現在、誰かの対応を待っている必須ステップはありません。',
  blockedLater: (n) => `このほか必須ステップ ${n} 件が、先行ステップの完了後に始まります。`,
  done: '完了したこと',
  nothingDone: '完了したステップはまだありません。',
  step: 'ステップ',
  waitsOn: '対応者',
  due: '期限',
  overdue: '期限超過',
  state: '状態',
  settledAt: '完了日時',
  party: { customer: 'お客様', provider: 'プロバイダー' },
  stateName: {
    blocked: '前提待ち',
    open: '対応待ち',
    done: '完了',
    rejected: '差し戻し',
    waived: '免除',
    stale: '再承認待ち',
  },
};

const ZH: ReadinessWords = {
  heading: (c) => `就绪情况摘要：${c}`,
  intro: (c, p, e, n) => `${c}（服务商：${p}）：${e}，上线流程 #${n}。`,
  asOf: (at) => `截至 ${at}。`,
  forecast: '预计服务开始日期',
  planned: '计划服务开始日期',
  started: '服务开始时间',
  slipped: (d) => `预计比计划晚 ${d} 天：最早的待处理步骤已逾期这么多天。`,
  onPlan: '按计划进行。',
  progress: (d, t, p) => `${t} 个必需步骤中已完成 ${d} 个（${p}%）。`,
  waiting: '等待谁处理',
  nothingWaits: '目前没有等待任何人处理的必需步骤。',
  blockedLater: (n) => `另有 ${n} 个必需步骤将在前置步骤完成后开始。`,
  done: '已完成事项',
  nothingDone: '尚无已完成的步骤。',
  step: '步骤',
  waitsOn: '等待',
  due: '截止日期',
  overdue: '已逾期',
  state: '状态',
  settledAt: '完成时间',
  party: { customer: '客户', provider: '服务商' },
  stateName: {
    blocked: '等待前置步骤',
    open: '待处理',
    done: '已完成',
    rejected: '已驳回',
    waived: '已豁免',
    stale: '需重新批准',
  },
};

const WORDS: Record<Language, ReadinessWords> = { en: EN, ja: JA, zh: ZH };

export function readinessWords(language: Language): ReadinessWords {
  return WORDS[language] ?? EN;
}
