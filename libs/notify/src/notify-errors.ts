import { DomainException } from '@app/platform';

/** Why notification preferences refuse. */
export const NOTIFY_ERROR_CODES = [
  /** A mandatory kind (security-relevant approvals, signatures, escalations) cannot be changed. */
  'NOTIFICATION_KIND_MANDATORY',
] as const;

export type NotifyErrorCode = (typeof NOTIFY_ERROR_CODES)[number];

export class NotifyError extends DomainException<NotifyErrorCode> {}
