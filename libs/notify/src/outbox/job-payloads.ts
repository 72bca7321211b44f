import type { MailLanguage } from '../rendering/languages';

export interface WelcomeEmailPayload {
  userId: string;
  email: string;
  displayName: string;
  language: MailLanguage;
  organisationName: string;
  loginUrl: string;
  /** Present when the user still has to choose a password. */
  setPasswordUrl?: string;
}

/**
 * Job name → payload. `OutboxService.add` is checked against it, and every name has exactly one
 * handler (see `JOB_QUEUES` and `MailProcessor`). Payloads travel as JSON: plain data only.
 */
export interface JobPayloads {
  'welcome-email': WelcomeEmailPayload;
}

export type JobName = keyof JobPayloads;
