import type { MailTemplateName } from '../rendering/mail-templates';
import type { NotificationKind } from './notification-kinds';

/**
 * Every mail the system sends, by template, and the notification kind it is: the one place
 * the classification lives (docs/ARCHITECTURE.md "## Notifications" prints it as a table, and
 * a spec keeps the two equal). A new template does not compile until it is classified here, and
 * `TemplatedMailer.sendPreferred` only takes the kind its template has. `null`: the digest
 * itself, which is how preferences are delivered, not something they choose about.
 */
export const MAIL_KINDS = {
  'welcome-email': 'account_security',
  'user-added-notice': 'account_security',
  'password-reset': 'account_security',
  'step-opened': 'step_opened',
  'step-reminder': 'reminder',
  'step-escalation': 'step_overdue',
  'approval-stale': 'approval_requested',
  'proposal-outdated': 'step_opened',
  'detection-notification': 'detection',
  'signature-request': 'signature_request',
  'signature-code': 'signature_request',
  'signature-reminder': 'reminder',
  'domain-permission': 'signature_request',
  'incident-action-approval': 'response_action_approval',
  'incident-action-executed': 'incident_update',
  'incident-action-recommended': 'incident_update',
  'mode-switch-requested': 'approval_requested',
  'mode-switch-decided': 'approval_decided',
  'incident-escalation': 'escalation',
  'checkpoint-statement': 'account_security',
  'conversation-comment': ['mention', 'comment'],
  'notification-digest': null,
} as const satisfies Record<
  MailTemplateName,
  NotificationKind | readonly NotificationKind[] | null
>;

type KindsIn<T> = T extends readonly (infer K)[] ? K : T;

/** The kind (or kinds) a template's mail may be sent as (none, `never`, for the digest). */
export type MailKind<N extends MailTemplateName> = Exclude<KindsIn<(typeof MAIL_KINDS)[N]>, null>;

/** The kinds a template's mail is, as a list (none for the digest). */
export function kindsOfMail(template: MailTemplateName): readonly NotificationKind[] {
  const kinds: NotificationKind | readonly NotificationKind[] | null = MAIL_KINDS[template];
  if (kinds === null) return [];
  return typeof kinds === 'string' ? [kinds] : kinds;
}
