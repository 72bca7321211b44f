export * from './domain/incident-vocabulary';
export * from './domain/incident-labels';
export * from './domain/incident-rules';
export * from './entities';
export * from './incidents.module';
export * from './services/incidents.service';
export type {
  IncidentActionView,
  IncidentDetail,
  IncidentEscalationView,
  IncidentEventView,
  IncidentSummary,
  IncidentTaskView,
} from './services/incident-view';
export * from './services/incident-progress.service';
export * from './services/response-actions.service';
export * from './services/awaiting-approvals.service';
export * from './services/action-links.service';
export * from './domain/escalation-order';
export * from './escalation/escalations.service';
export * from './escalation/escalation-links.service';
export * from './webhooks/incident-webhooks.service';
export * from './webhooks/webhook-signature';
export * from './webhooks/webhook-post';
export * from './webhooks/webhook-targets';
export * from './peacetime/peacetime-period';
export * from './peacetime/peacetime-scheduler';
export * from './peacetime/peacetime-tasks.service';
export * from './report/closure-report.service';
export * from './review/incident-review.service';
export type { ReviewInput, ReviewActionItem } from './review/review-input';
export * from './report/incident-metrics.service';
export * from './services/incident-context';
export * from './peacetime/peacetime-activity.handler';
export * from './incidents-errors';
