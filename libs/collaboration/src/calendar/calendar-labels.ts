import type { Language } from '@app/access';

/** The feed's words in the reader's language. */
export interface CalendarWords {
  calendarName: string;
  stepDue: (step: string, customer: string) => string;
  stepDueDescription: (step: string, engagement: string, state: string) => string;
  serviceStart: (customer: string) => string;
  serviceStartDescription: (engagement: string, onboarding: number) => string;
  tuningEnd: (customer: string) => string;
  tuningEndDescription: (engagement: string, days: number, at: string) => string;
  peacetime: (task: string, customer: string) => string;
  peacetimeDescription: (engagement: string, frequency: string) => string;
  state: Record<string, string>;
  frequency: Record<string, string>;
}

const EN: CalendarWords = {
  calendarName: 'MDR portal: your dates',
  stepDue: (step, customer) => `Due: ${step} (${customer})`,
  stepDueDescription: (step, engagement, state) =>
    `"${step}" waits on you in the onboarding of ${engagement} (${state}).`,
  serviceStart: (customer) => `Planned service start: ${customer}`,
  serviceStartDescription: (engagement, n) =>
    `The planned start of the MDR service of ${engagement} (onboarding #${n}).`,
  tuningEnd: (customer) => `Tuning period ends: ${customer}`,
  tuningEndDescription: (engagement, days, at) =>
    `The ${days}-day tuning period in detect mode of ${engagement} ends ${at}.`,
  peacetime: (task, customer) => `Peacetime task: ${task} (${customer})`,
  peacetimeDescription: (engagement, frequency) =>
    `A ${frequency} task of the peacetime runbook of ${engagement}, due within this period.`,
  state: { open: 'open', stale: 'to approve again', rejected: 'rejected, to revise' },
  frequency: {
    daily: 'daily',
    weekly: 'weekly',
    monthly: 'monthly',
    quarterly: 'quarterly',
    yearly: 'yearly',
  },
};

const JA: CalendarWords = {
  calendarName: 'MDR ポータル：あなたの予定',
  stepDue: (step, customer) => `期限：${step}（${customer}）`,
  stepDueDescription: (step, engagement, state) =>
    `${engagement} のオンボーディングで「${step}」があなたの対応を待っています（${state}）。`,
  serviceStart: (customer) => `サービス開始予定日：${customer}`,
  serviceStartDescription: (engagement, n) =>
    `${engagement} の MDR サービスの開始予定日です（オンボーディング #${n}）。`,
  tuningEnd: (customer) => `チューニング期間終了：${customer}`,
  tuningEndDescription: (engagement, days, at) =>
    `${engagement} の検知モードでのチューニング期間（${days}日）は ${at} に終わります。`,
  peacetime: (task, customer) => `平常時タスク：${task}（${customer}）`,
  peacetimeDescription: (engagement, frequency) =>
    `${engagement} の平常時ランブックの${frequency}タスクです。この期間内に完了してください。`,
  state: { open: '未対応', stale: '再承認が必要', rejected: '差し戻し・修正待ち' },
  frequency: {
    daily: '毎日の',
    weekly: '毎週の',
    monthly: '毎月の',
    quarterly: '四半期ごとの',
    yearly: '毎年の',
  },
};

const ZH: CalendarWords = {
  calendarName: 'MDR 门户：您的日程',
  stepDue: (step, customer) => `截止：${step}（${customer}）`,
  stepDueDescription: (step, engagement, state) =>
    `${engagement} 的上线流程中，“${step}”正在等待您处理（${state}）。`,
  serviceStart: (customer) => `计划服务开始：${customer}`,
  serviceStartDescription: (engagement, n) =>
    `${engagement} 的 MDR 服务计划开始日期（上线流程 #${n}）。`,
  tuningEnd: (customer) => `调优期结束：${customer}`,
  tuningEndDescription: (engagement, days, at) =>
    `${engagement} 在检测模式下的 ${days} 天调优期于 ${at} 结束。`,
  peacetime: (task, customer) => `平时任务：${task}（${customer}）`,
  peacetimeDescription: (engagement, frequency) =>
    `${engagement} 平时运行手册中的${frequency}任务，请在本周期内完成。`,
  state: { open: '待处理', stale: '需重新批准', rejected: '已驳回，待修改' },
  frequency: {
    daily: '每日',
    weekly: '每周',
    monthly: '每月',
    quarterly: '每季度',
    yearly: '每年',
  },
};

const WORDS: Record<Language, CalendarWords> = { en: EN, ja: JA, zh: ZH };

export function calendarWords(language: Language): CalendarWords {
  return WORDS[language] ?? EN;
}
