import type { ChannelAnnouncement } from '../channels/channel-events';
import type { MailLanguage } from '../rendering/languages';

export interface WelcomeEmailPayload {
  userId: string;
  email: string;
  displayName: string;
  language: MailLanguage;
  organisationName: string;
  loginUrl: string;
  /** The user still has to choose a password: the mail carries a set-password link, issued
   * when it is sent so the token is never stored in plain text. */
  invited: boolean;
}

/**
 * Tells one of a customer's security leads that a user was added to their organisation (by
 * whom, with which role), so a customer always knows who can act in its name.
 */
export interface UserAddedNoticePayload {
  addedUserId: string;
  recipientUserId: string;
  /** Null when the system added them (the demo seed). */
  addedByUserId: string | null;
}

/** A "forgot password" mail to this user; the link is issued when the mail is sent. */
export interface PasswordResetPayload {
  userId: string;
}

/**
 * One opening of one onboarding step, which workflow notifications are about. `openedAt` is the
 * step's `openedAt` when the message was written: if the step has been opened again since, the
 * message belongs to an earlier opening and is not sent.
 */
export interface StepOpeningRef {
  onboardingId: string;
  stepId: string;
  /** For people reading the queue; handlers go by `stepId`. */
  stepKey: string;
  /** ISO timestamp. */
  openedAt: string;
}

/** Tells one assignee that a step now waits on them. */
export interface StepOpenedPayload extends StepOpeningRef {
  userId: string;
  /**
   * Set when a new proposal renews a stale approval's subject: the approver is asked to approve
   * this version, and not once a newer proposal (asked for in a mail of its own) or a change has
   * replaced it.
   */
  proposalVersion?: number;
}

/** Reminder number `reminder` (1-based) of this opening, due at schedule slot `at` (ISO). */
export interface StepReminderPayload extends StepOpeningRef {
  reminder: number;
  at: string;
}

/** Runs at the due date (`at`, ISO): tells the account managers if the step is still waiting. */
export interface StepEscalationPayload extends StepOpeningRef {
  at: string;
}

/** Tells the user whose approval went stale (the subject changed) to look again. */
export interface ApprovalStalePayload extends StepOpeningRef {
  approverUserId: string;
}

/**
 * Tells one recipient about a detection from the EDR webhook. `reason` is why they get it:
 * their country's IT, headquarters by choice, or headquarters as the fallback.
 */
export interface DetectionNotificationPayload {
  detectionId: string;
  userId: string;
  reason: 'country' | 'headquarters' | 'fallback';
}

/**
 * A signature request's mail (the request, the emailed code, the reminder). Only the id
 * travels: the link token and the code are made when the mail is sent, so neither is ever
 * stored in plain text.
 */
export interface SignatureMailPayload {
  requestId: string;
}

/**
 * Mails one domain-permission request. Only the id travels: the confirmation link's token is
 * issued by the handler when the mail is sent, so it is never stored in plain text.
 */
export interface DomainPermissionEmailPayload {
  confirmationId: string;
}

/** Runs at an incident's SLA deadline: records the breach once if that timer is still running. */
export interface IncidentSlaDeadlinePayload {
  incidentId: string;
  timer: 'acknowledge' | 'respond';
}

/** Runs at a collaborate action's timeout: applies the agreement's fallback once if still undecided. */
export interface IncidentActionTimeoutPayload {
  actionId: string;
}

/**
 * Mails one customer security lead about a response action (an approval request, whose link
 * token is issued when the mail is sent, or the notice of an executed action).
 */
export interface IncidentActionMailPayload {
  actionId: string;
  userId: string;
}

/** Tells one customer security lead that a group's switch to block mode waits on their decision. */
export interface ModeSwitchRequestedPayload {
  requestId: string;
  userId: string;
}

/** Tells the requester how the customer decided a mode switch (approved or rejected). */
export interface ModeSwitchDecidedPayload {
  requestId: string;
}

/** Mails one escalation contact (the acknowledgement link's token is issued when it is sent), or runs at its acknowledgement deadline. */
export interface IncidentEscalationPayload {
  escalationId: string;
}

/** Posts one incident timeline event to one of the engagement's webhook URLs, signed. */
export interface IncidentWebhookPayload {
  eventId: string;
  target: 'chat' | 'ticketing';
}

/** Creates the task of a scheduled peacetime activity for the period the job runs in (a job scheduler's job). */
export interface PeacetimeActivityPayload {
  engagementId: string;
  stepKey: string;
}

/** Registers (or removes) the peacetime job schedulers of an engagement: at the service start. */
export interface PeacetimeSyncPayload {
  engagementId: string;
}

/** The nightly refresh of classifications and automatic checks (a job scheduler; no payload). */
export type ClassificationRefreshPayload = Record<string, never>;

/** Mails one customer security lead their engagement's statement of a signed checkpoint. */
export interface CheckpointStatementPayload {
  statementId: string;
  userId: string;
}

/** Signs a checkpoint of every audit chain head (a job scheduler, every CHECKPOINT_INTERVAL_MINUTES). */
export type AuditCheckpointPayload = Record<string, never>;

/** Mails one person about a comment: they are mentioned in it, or it answers their thread. */
export interface ConversationCommentPayload {
  commentId: string;
  userId: string;
  reason: 'mention' | 'reply';
}

/** Composes the daily digests that are due (a job scheduler; no payload). */
export type NotificationDigestsPayload = Record<string, never>;

/** Mails one person's digest of one local day. */
export interface NotificationDigestMailPayload {
  digestId: string;
}

/** Posts one announcement to one of an engagement's Slack or Teams channels. */
export interface ChannelMessagePayload {
  channelId: string;
  announcement: ChannelAnnouncement;
}

/**
 * Job name → payload. `OutboxService.add` is checked against it, and every name has exactly one
 * handler (see `JOB_QUEUES` and `JobHandlerRegistry`). Payloads travel as JSON: plain data only.
 */
export interface JobPayloads {
  'welcome-email': WelcomeEmailPayload;
  'user-added-notice': UserAddedNoticePayload;
  'password-reset': PasswordResetPayload;
  'step-opened': StepOpenedPayload;
  'step-reminder': StepReminderPayload;
  'step-escalation': StepEscalationPayload;
  'approval-stale': ApprovalStalePayload;
  'proposal-outdated': StepOpeningRef;
  'detection-notification': DetectionNotificationPayload;
  'signature-request': SignatureMailPayload;
  'signature-code': SignatureMailPayload;
  'signature-reminder': SignatureMailPayload;
  'domain-permission-email': DomainPermissionEmailPayload;
  'incident-sla-deadline': IncidentSlaDeadlinePayload;
  'incident-action-timeout': IncidentActionTimeoutPayload;
  'incident-action-approval-email': IncidentActionMailPayload;
  'incident-action-executed-email': IncidentActionMailPayload;
  'mode-switch-requested': ModeSwitchRequestedPayload;
  'mode-switch-decided': ModeSwitchDecidedPayload;
  'incident-escalation-email': IncidentEscalationPayload;
  'incident-escalation-timeout': IncidentEscalationPayload;
  'incident-webhook': IncidentWebhookPayload;
  'peacetime-activity': PeacetimeActivityPayload;
  'peacetime-sync': PeacetimeSyncPayload;
  'classification-refresh': ClassificationRefreshPayload;
  'checkpoint-statement': CheckpointStatementPayload;
  'audit-checkpoint': AuditCheckpointPayload;
  'conversation-comment-email': ConversationCommentPayload;
  'notification-digests': NotificationDigestsPayload;
  'notification-digest-mail': NotificationDigestMailPayload;
  'channel-message': ChannelMessagePayload;
}

export type JobName = keyof JobPayloads;
