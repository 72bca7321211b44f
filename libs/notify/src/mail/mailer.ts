export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

/** Sends one message; resolves once the mail server (or dev mailbox) has accepted it. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Injection token of the mailer chosen for this run mode (see `mailerProvider`). */
export const MAILER = Symbol('MAILER');
