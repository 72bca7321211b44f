import type { Language } from '@app/identity';
import type { IncidentEventType, IncidentStatus } from './incident-vocabulary';

/**
 * The words for an incident's event types and statuses, in every language: the one table both the
 * closure report and the portal's incident pages (`incidentPages.event`, `incidentPages.status`)
 * print. Typed per code, so a new event type or status does not compile until it is labelled.
 */
export const INCIDENT_EVENT_LABELS: Readonly<
  Record<Language, Readonly<Record<IncidentEventType, string>>>
> = {
  ja: {
    opened: '起票',
    acknowledged: '受付',
    responded: '初動対応',
    status_changed: '状態変更',
    sla_breached: 'SLA 違反',
    task_created: 'タスク作成',
    task_completed: 'タスク完了',
    task_not_applicable: 'タスク対象外',
    action_executed: '対応アクション実行',
    action_recommended: '対応アクションを推奨',
    action_requested: '承認を依頼',
    action_approved: '対応アクション承認',
    action_declined: '対応アクション却下',
    action_fallback_executed: 'タイムアウト後にフォールバック実行',
    action_expired: '承認依頼が期限切れ',
    escalation_notified: 'エスカレーション先に通知',
    escalation_acknowledged: 'エスカレーション受領',
    escalation_timed_out: 'エスカレーション先から応答なし',
    escalation_exhausted: 'エスカレーション先をすべて試行',
    review_recorded: '事後レビューを記録',
  },
  en: {
    opened: 'Opened',
    acknowledged: 'Acknowledged',
    responded: 'First response',
    status_changed: 'Status changed',
    sla_breached: 'SLA breached',
    task_created: 'Task created',
    task_completed: 'Task completed',
    task_not_applicable: 'Task marked not applicable',
    action_executed: 'Response action executed',
    action_recommended: 'Response action recommended',
    action_requested: 'Approval requested',
    action_approved: 'Response action approved',
    action_declined: 'Response action declined',
    action_fallback_executed: 'Executed by fallback after the timeout',
    action_expired: 'Approval request lapsed',
    escalation_notified: 'Escalation contact notified',
    escalation_acknowledged: 'Escalation acknowledged',
    escalation_timed_out: 'Escalation contact did not answer',
    escalation_exhausted: 'Escalation list exhausted',
    review_recorded: 'Post-incident review recorded',
  },
  zh: {
    opened: '创建',
    acknowledged: '已受理',
    responded: '首次响应',
    status_changed: '状态变更',
    sla_breached: 'SLA 违约',
    task_created: '任务创建',
    task_completed: '任务完成',
    task_not_applicable: '任务不适用',
    action_executed: '响应操作已执行',
    action_recommended: '已建议响应操作',
    action_requested: '已请求批准',
    action_approved: '响应操作已批准',
    action_declined: '响应操作已拒绝',
    action_fallback_executed: '超时后后备执行',
    action_expired: '批准请求已过期',
    escalation_notified: '已通知升级联系人',
    escalation_acknowledged: '升级已确认',
    escalation_timed_out: '升级联系人未响应',
    escalation_exhausted: '升级名单已用尽',
    review_recorded: '已记录事后复盘',
  },
};

export const INCIDENT_STATUS_LABELS: Readonly<
  Record<Language, Readonly<Record<IncidentStatus, string>>>
> = {
  ja: {
    new: '新規',
    triaged: 'トリアージ済み',
    contained: '封じ込め済み',
    resolved: '解決済み',
    closed: 'クローズ',
  },
  en: {
    new: 'New',
    triaged: 'Triaged',
    contained: 'Contained',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  zh: { new: '新建', triaged: '已分诊', contained: '已遏制', resolved: '已解决', closed: '已关闭' },
};
