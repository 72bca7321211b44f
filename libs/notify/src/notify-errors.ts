import { DomainException } from '@app/platform';

/** Why notification preferences and notification channels refuse. */
export const NOTIFY_ERROR_CODES = [
  /** A mandatory kind (security-relevant approvals, signatures, escalations) cannot be changed. */
  'NOTIFICATION_KIND_MANDATORY',
  /**
   * A channel's webhook URL is not HTTPS, carries credentials, or its host is internal (a
   * loopback, private or otherwise non-public address); details: `{ field, reason }`. 400.
   */
  'CHANNEL_URL_REFUSED',
] as const;

export type NotifyErrorCode = (typeof NOTIFY_ERROR_CODES)[number];

export class NotifyError extends DomainException<NotifyErrorCode> {}
