import type { ChannelEvent } from '@app/notify';

type Language = 'ja' | 'en' | 'zh';

/** The headline of each event, in the channel's language. */
export const CHANNEL_EVENT_HEADLINES: Readonly<Record<Language, Record<ChannelEvent, string>>> = {
  en: {
    step_opened: 'Step open',
    step_approved: 'Step approved',
    incident_opened: 'Incident opened',
    incident_updated: 'Incident updated',
    approval_requested: 'Approval requested',
  },
  ja: {
    step_opened: 'ステップ開始',
    step_approved: 'ステップ承認',
    incident_opened: 'インシデント発生',
    incident_updated: 'インシデント更新',
    approval_requested: '承認依頼',
  },
  zh: {
    step_opened: '步骤已开始',
    step_approved: '步骤已批准',
    incident_opened: '事件已创建',
    incident_updated: '事件已更新',
    approval_requested: '请求审批',
  },
};

/** The words around the facts of a message, in the channel's language. */
export const CHANNEL_WORDS: Readonly<
  Record<Language, { customer: string; severity: string; open: string }>
> = {
  en: { customer: 'Customer', severity: 'Severity', open: 'Open in the portal' },
  ja: { customer: 'お客様', severity: '重大度', open: 'ポータルで開く' },
  zh: { customer: '客户', severity: '严重程度', open: '在门户中打开' },
};
