/** What the welcome mail needs; optional links are explicit nulls so strict templates can test them. */
export interface WelcomeEmailModel {
  displayName: string;
  organisationName: string;
  loginUrl: string;
  setPasswordUrl: string | null;
}

/** To a customer's security lead: someone was added to their organisation in the portal. */
export interface UserAddedNoticeModel {
  displayName: string;
  organisationName: string;
  addedName: string;
  addedEmail: string;
  /** The new user's role in the recipient's language. */
  roleLabel: string;
  /** Who added them and from which organisation, or null when the system did (the demo seed). */
  addedByName: string | null;
  addedByOrganisation: string | null;
  /** `${publicUrl}/login` */
  loginUrl: string;
}

/** "Forgot password": a single-use link to choose a new password, valid until `expiresAt`. */
export interface PasswordResetModel {
  displayName: string;
  resetUrl: string;
  minutes: number;
  /** Formatted in the recipient's language and time zone, zone named. */
  expiresAt: string;
}

/** Dates are formatted for the recipient's language before rendering (the templates only print). */
interface StepMailBase {
  /** The recipient. */
  displayName: string;
  /** The customer organisation whose onboarding this is. */
  customerName: string;
  /** The step's title in the recipient's language. */
  stepTitle: string;
  dueDate: string;
  /** `${publicUrl}/onboardings/<id>` */
  link: string;
}

/** A step now waits on the recipient (or, `stale`, waits on them again after its subject changed). */
export interface StepOpenedModel extends StepMailBase {
  stepDescription: string;
  /** The role the recipient acts in, in their language. */
  roleLabel: string;
  overdue: boolean;
  stale: boolean;
}

/** Reminder `reminderNumber`; `days` whole days before (or, `overdue`, after) the due date. */
export interface StepReminderModel extends StepMailBase {
  roleLabel: string;
  reminderNumber: number;
  overdue: boolean;
  days: number;
  /** `days` is not 1 (for languages that inflect). */
  plural: boolean;
}

/** To an account manager: a step is past its due date and still not done. */
export interface StepEscalationModel extends StepMailBase {
  engagementName: string;
  /** The organisation of the party the step waits on. */
  partyName: string;
  roleLabel: string;
  /** The people holding that role, or null when nobody does. */
  waitingOnNames: string | null;
  /** Whole days past the due date (0: less than a day). */
  overdueDays: number;
  plural: boolean;
}

/** To the approver whose approval no longer applies because what they approved changed. */
export interface ApprovalStaleModel extends StepMailBase {
  /** When they approved, formatted, or null if unknown. */
  approvedOn: string | null;
  /** What changed in the approved configuration, in the recipient's language, or null. */
  changes: string | null;
  /**
   * Who must propose the current plan before the approver can approve again (their role, in
   * the recipient's language, and organisation), or null when the approver can approve now.
   */
  awaitedProposer: { role: string; organisation: string } | null;
}

/**
 * To the proposer's role of a step whose approval went stale because the configuration behind
 * it changed: the approver cannot approve again until the current plan is proposed.
 */
export interface ProposalOutdatedModel extends StepMailBase {
  /** The role the recipient proposes in, in their language. */
  roleLabel: string;
  /** When the customer approved, formatted for the recipient, or null if unknown. */
  approvedOn: string | null;
  /** What changed, in the recipient's language, or null. */
  changes: string | null;
}

/** A detection from the EDR, to one recipient chosen by the engagement's routing rules. */
export interface DetectionNotificationModel {
  displayName: string;
  customerName: string;
  title: string;
  /** The severity in the recipient's language. */
  severity: string;
  hostname: string;
  /** Country and site from the inventory, or null when the endpoint is not in it. */
  country: string | null;
  site: string | null;
  /** When it was detected, formatted for the recipient (UTC). */
  detectedAt: string;
  /** Free text or pretty-printed JSON from the EDR, or null. */
  details: string | null;
  edrDetectionId: string;
  /** Why this recipient: their country, headquarters by choice, or headquarters as fallback. */
  byCountry: boolean;
  toHeadquarters: boolean;
  asFallback: boolean;
  link: string;
}

/** Asks a signer to sign a document (and, `reminder`, reminds them before the request expires). */
export interface SignatureRequestModel {
  signerName: string;
  customerName: string;
  providerName: string;
  documentTitle: string;
  documentSha256: string;
  /** Formatted in the signer's language. */
  expiresOn: string;
  /** The one-time signing link. */
  link: string;
  /** The portal page for a signer with an account, else null. */
  portalLink: string | null;
}

/** The six-digit code that confirms an external signer. */
export interface SignatureCodeModel {
  signerName: string;
  documentTitle: string;
  code: string;
  minutes: number;
}

/** The customer is asked to confirm that the provider may manage its EDR tenant. */
export interface DomainPermissionModel {
  recipient: string;
  customerName: string;
  providerName: string;
  edrProduct: string;
  edrTenant: string;
  /** The customer's declared domains, comma-separated. */
  domains: string;
  /** The exact text being authorised (its SHA-256 is what the approval binds to). */
  statement: string;
  /** `${publicUrl}/confirm/<token>` */
  confirmUrl: string;
  /** The link's expiry, formatted for the recipient's language. */
  expiresOn: string;
  referenceCode: string;
  /** Replies are read (a Reply-To routed to the inbound webhook is configured). */
  replyAccepted: boolean;
}

/** About one response action on an incident of the customer's service (labels in the recipient's language). */
interface IncidentActionMailBase {
  displayName: string;
  customerName: string;
  incidentTitle: string;
  severity: string;
  action: string;
  target: string;
  reason: string | null;
}

/** Asks a customer security lead to approve or decline a response action. */
export interface IncidentActionApprovalModel extends IncidentActionMailBase {
  /** `${publicUrl}/incident-actions/<token>`: single use, expiring at `expiresAt`. */
  link: string;
  /** The link's expiry (the agreement's timeout), formatted with the time, UTC. */
  expiresAt: string;
  /** What happens without an answer: the action is taken (`act`), or it keeps waiting. */
  fallbackAct: boolean;
  collaborate: boolean;
}

/** Tells a customer security lead that a response action was executed. */
export interface IncidentActionExecutedModel extends IncidentActionMailBase {
  /** Executed because the collaborate timeout passed without an answer. */
  byFallback: boolean;
  executedAt: string;
}

/** To a customer security lead: the provider asks to switch a group from detect to block mode. */
export interface ModeSwitchRequestedModel {
  displayName: string;
  customerName: string;
  groupName: string;
  requesterName: string;
  /** The requester's note, or null. */
  note: string | null;
  /** The agreed minimum tuning period in days, and how long the group has been in detect mode. */
  tuningDays: number;
  detectDays: number;
  link: string;
}

/** To the requester: the customer approved (the group now blocks) or rejected with a reason. */
export interface ModeSwitchDecidedModel {
  displayName: string;
  customerName: string;
  groupName: string;
  deciderName: string;
  approved: boolean;
  /** The rejection reason, or null when approved. */
  reason: string | null;
  link: string;
}

/** Asks an escalation contact to acknowledge an incident (in the service language). */
export interface IncidentEscalationModel {
  contactName: string;
  customerName: string;
  incidentTitle: string;
  severity: string;
  host: string | null;
  /** `${publicUrl}/incident-escalations/<token>`: single use, expiring at `ackBy`. */
  link: string;
  /** The acknowledgement deadline, formatted with the time, UTC. */
  ackBy: string;
  /** Called outside their working hours because nobody was in hours. */
  outOfHours: boolean;
}

/** Template name → the data it renders; `MailRenderer.render` is type-checked against this map. */
export interface MailTemplates {
  'welcome-email': WelcomeEmailModel;
  'user-added-notice': UserAddedNoticeModel;
  'password-reset': PasswordResetModel;
  'step-opened': StepOpenedModel;
  'step-reminder': StepReminderModel;
  'step-escalation': StepEscalationModel;
  'approval-stale': ApprovalStaleModel;
  'proposal-outdated': ProposalOutdatedModel;
  'detection-notification': DetectionNotificationModel;
  'signature-request': SignatureRequestModel;
  'signature-code': SignatureCodeModel;
  'signature-reminder': SignatureRequestModel;
  'domain-permission': DomainPermissionModel;
  'incident-action-approval': IncidentActionApprovalModel;
  'incident-action-executed': IncidentActionExecutedModel;
  'incident-action-recommended': IncidentActionMailBase;
  'mode-switch-requested': ModeSwitchRequestedModel;
  'mode-switch-decided': ModeSwitchDecidedModel;
  'incident-escalation': IncidentEscalationModel;
  'checkpoint-statement': CheckpointStatementModel;
  'conversation-comment': ConversationCommentModel;
  'notification-digest': NotificationDigestModel;
}

/** A signed checkpoint's statement for one engagement, to keep (the portal cannot rewrite it later). */
export interface CheckpointStatementModel {
  displayName: string;
  customerName: string;
  engagementName: string;
  /** Formatted for the reader, time zone named. */
  issuedAt: string;
  reason: string;
  chainSeq: string;
  chainHash: string;
  root: string;
  keyId: string;
  /** The whole statement, base64url: what `verify.mjs --statement` takes. */
  code: string;
  /** The portal page listing the engagement's statements. */
  link: string;
}

/** One person's daily digest: the notifications held for it, each as its mail's subject. */
export interface NotificationDigestModel {
  displayName: string;
  /** The local day the digest is of, formatted for the reader. */
  day: string;
  count: number;
  items: { subject: string; link: string | null }[];
  /** `${publicUrl}/account/notifications` */
  preferencesUrl: string;
}

export type MailTemplateName = keyof MailTemplates;

/** Every template, compiled at boot so a missing file fails the start rather than a job. */
export const MAIL_TEMPLATE_NAMES: readonly MailTemplateName[] = [
  'welcome-email',
  'user-added-notice',
  'password-reset',
  'step-opened',
  'step-reminder',
  'step-escalation',
  'approval-stale',
  'proposal-outdated',
  'detection-notification',
  'signature-request',
  'signature-code',
  'signature-reminder',
  'domain-permission',
  'incident-action-approval',
  'incident-action-executed',
  'incident-action-recommended',
  'mode-switch-requested',
  'mode-switch-decided',
  'incident-escalation',
  'checkpoint-statement',
  'conversation-comment',
  'notification-digest',
];

/** A comment the recipient is mentioned in, or an answer in a thread they wrote in. */
export interface ConversationCommentModel {
  displayName: string;
  customerName: string;
  authorName: string;
  /** The step, document version or incident, in the recipient's language. */
  subjectTitle: string;
  mentioned: boolean;
  /** An internal comment (only provider staff receive these). */
  internal: boolean;
  body: string;
  /** Formatted in the recipient's language and time zone. */
  writtenAt: string;
  /** The conversation page. */
  link: string;
  /** The mail carries a reply address: an answer by mail becomes a comment. */
  replyByMail: boolean;
}
