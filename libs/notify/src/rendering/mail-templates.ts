/** What the welcome mail needs; optional links are explicit nulls so strict templates can test them. */
export interface WelcomeEmailModel {
  displayName: string;
  organisationName: string;
  loginUrl: string;
  setPasswordUrl: string | null;
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

/** Template name → the data it renders; `MailRenderer.render` is type-checked against this map. */
export interface MailTemplates {
  'welcome-email': WelcomeEmailModel;
  'step-opened': StepOpenedModel;
  'step-reminder': StepReminderModel;
  'step-escalation': StepEscalationModel;
  'approval-stale': ApprovalStaleModel;
  'domain-permission': DomainPermissionModel;
}

export type MailTemplateName = keyof MailTemplates;

/** Every template, compiled at boot so a missing file fails the start rather than a job. */
export const MAIL_TEMPLATE_NAMES: readonly MailTemplateName[] = [
  'welcome-email',
  'step-opened',
  'step-reminder',
  'step-escalation',
  'approval-stale',
  'domain-permission',
];
