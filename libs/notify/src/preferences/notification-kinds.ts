/**
 * What a person is told about, as they choose how to hear it. The producers of mail name one
 * of these when they send (`PreferredDelivery.deliver`); which mail is which kind is
 * `MAIL_KINDS` (mail-kinds.ts). `mention` and `comment` are the conversations' mails.
 */
export const CHOOSABLE_NOTIFICATION_KINDS = [
  'step_opened',
  'reminder',
  'step_overdue',
  'mention',
  'comment',
  'approval_requested',
  'approval_decided',
  'incident_update',
  'detection',
] as const;

/**
 * Security-relevant or legally required kinds: always sent at once. They are listed (the page
 * shows them locked) but a preference for them is refused with NOTIFICATION_KIND_MANDATORY.
 */
export const MANDATORY_NOTIFICATION_KINDS = [
  'response_action_approval',
  'signature_request',
  'escalation',
  'account_security',
] as const;

export type ChoosableNotificationKind = (typeof CHOOSABLE_NOTIFICATION_KINDS)[number];
export type MandatoryNotificationKind = (typeof MANDATORY_NOTIFICATION_KINDS)[number];
export type NotificationKind = ChoosableNotificationKind | MandatoryNotificationKind;

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  ...CHOOSABLE_NOTIFICATION_KINDS,
  ...MANDATORY_NOTIFICATION_KINDS,
];

/** At once (as before preferences existed), in the daily digest, or not at all (still recorded). */
export const NOTIFICATION_DELIVERIES = ['immediate', 'digest', 'off'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

/** The local hour a digest goes out when the person has not chosen one. */
export const DEFAULT_DIGEST_HOUR = 9;

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isMandatoryKind(kind: NotificationKind): kind is MandatoryNotificationKind {
  return (MANDATORY_NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

export function isNotificationDelivery(value: unknown): value is NotificationDelivery {
  return (
    typeof value === 'string' && (NOTIFICATION_DELIVERIES as readonly string[]).includes(value)
  );
}
