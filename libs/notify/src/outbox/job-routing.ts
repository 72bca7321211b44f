import type { JobSchedulerTemplateOptions, JobsOptions } from 'bullmq';
import type { JobName } from './job-payloads';

export const MAIL_QUEUE = 'mail';

/** Every BullMQ queue the outbox feeds; each needs `BullModule.registerQueue` in the worker. */
export const NOTIFY_QUEUES = [MAIL_QUEUE] as const;

export type NotifyQueueName = (typeof NOTIFY_QUEUES)[number];

/** Which queue carries each job. A new job name does not compile until it is routed here. */
export const JOB_QUEUES = {
  'welcome-email': MAIL_QUEUE,
  'user-added-notice': MAIL_QUEUE,
  'password-reset': MAIL_QUEUE,
  'step-opened': MAIL_QUEUE,
  'step-reminder': MAIL_QUEUE,
  'step-escalation': MAIL_QUEUE,
  'approval-stale': MAIL_QUEUE,
  'proposal-outdated': MAIL_QUEUE,
  'detection-notification': MAIL_QUEUE,
  'signature-request': MAIL_QUEUE,
  'signature-code': MAIL_QUEUE,
  'signature-reminder': MAIL_QUEUE,
  'domain-permission-email': MAIL_QUEUE,
  'incident-sla-deadline': MAIL_QUEUE,
  'incident-action-timeout': MAIL_QUEUE,
  'incident-action-approval-email': MAIL_QUEUE,
  'incident-action-executed-email': MAIL_QUEUE,
  'mode-switch-requested': MAIL_QUEUE,
  'mode-switch-decided': MAIL_QUEUE,
  'incident-escalation-email': MAIL_QUEUE,
  'incident-escalation-timeout': MAIL_QUEUE,
  'incident-webhook': MAIL_QUEUE,
  'peacetime-activity': MAIL_QUEUE,
  'peacetime-sync': MAIL_QUEUE,
  'classification-refresh': MAIL_QUEUE,
  'checkpoint-statement': MAIL_QUEUE,
  'audit-checkpoint': MAIL_QUEUE,
  'conversation-comment-email': MAIL_QUEUE,
  'notification-digests': MAIL_QUEUE,
  'notification-digest-mail': MAIL_QUEUE,
  'channel-message': MAIL_QUEUE,
} as const satisfies Record<JobName, NotifyQueueName>;

export type MailJobName = {
  [N in JobName]: (typeof JOB_QUEUES)[N] extends typeof MAIL_QUEUE ? N : never;
}[JobName];

/**
 * Retries are explicit: about 8 attempts over roughly ten minutes covers a mail server restart.
 * Completed jobs stay a week so a late duplicate add with the same job id is still ignored by
 * BullMQ; the sent_notification ledger protects us after that.
 */
export const DEFAULT_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** The same retries and retention for the jobs a scheduler creates (BullMQ's template options). */
export const SCHEDULED_JOB_OPTIONS: Readonly<JobSchedulerTemplateOptions> = {
  attempts: DEFAULT_JOB_OPTIONS.attempts,
  backoff: DEFAULT_JOB_OPTIONS.backoff,
  removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete,
  removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail,
};
