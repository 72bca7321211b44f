import { signInbound } from '@app/authorisation';
import type { ParsedMail } from 'mailparser';
import type { SmtpSink } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';

export const INBOUND_SECRET = 'inbound-webhook-secret-of-at-least-32-chars';
export const INBOX = 'replies@portal.example';

/** The app's environment for conversations: the inbound webhook and its reply inbox. */
export function conversationEnv(smtpUrl: string): Record<string, string> {
  return { SMTP_URL: smtpUrl, INBOUND_EMAIL_SECRET: INBOUND_SECRET, INBOUND_EMAIL_ADDRESS: INBOX };
}

/** Comment mails (they carry the conversation link) received so far by one address. */
export function commentMailsTo(sink: SmtpSink, to: string): ParsedMail[] {
  return sink.messages.filter(
    (m) =>
      !Array.isArray(m.to) &&
      m.to?.value[0]?.address === to &&
      (m.text ?? '').includes('/conversations/'),
  );
}

/** Waits until `to` has received `count` comment mails; returns them. */
export async function waitForCommentMails(
  sink: SmtpSink,
  to: string,
  count: number,
): Promise<ParsedMail[]> {
  for (let seen = sink.messages.length; commentMailsTo(sink, to).length < count; seen += 1)
    await sink.waitFor(seen + 1);
  return commentMailsTo(sink, to);
}

/** The Reply-To address of a comment mail. */
export function replyToOf(mail: ParsedMail): string {
  const replyTo = mail.replyTo?.value[0]?.address;
  if (!replyTo) throw new Error('comment mail without Reply-To');
  return replyTo;
}

/**
 * A raw reply as a mail client writes it: new text, a signature, then the quoted original; with
 * `attachment`, a multipart/mixed message carrying that file.
 */
export function rawReply(options: {
  from: string;
  to: string;
  text: string;
  headers?: Record<string, string>;
  attachment?: { name: string; contentType: string; bytes: Buffer };
}): Buffer {
  const extra = Object.entries(options.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const head =
    `From: Someone <${options.from}>\r\nTo: ${options.to}\r\nSubject: Re: comment\r\n` +
    `Message-ID: <reply-${Math.random().toString(36).slice(2)}@example.test>\r\n${extra}`;
  const text = `${options.text.replace(/\n/g, '\r\n')}\r\n`;
  const file = options.attachment;
  if (!file) return Buffer.from(`${head}Content-Type: text/plain; charset=utf-8\r\n\r\n${text}`);
  const boundary = 'reply-boundary-1';
  return Buffer.from(
    `${head}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n` +
      `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}` +
      `--${boundary}\r\nContent-Type: ${file.contentType}; name="${file.name}"\r\n` +
      `Content-Disposition: attachment; filename="${file.name}"\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${file.bytes.toString('base64')}\r\n--${boundary}--\r\n`,
  );
}

/** Posts a raw message to the inbound webhook, signed as the mail provider signs it. */
export function postInbound(t: TestApp, raw: Buffer) {
  return t
    .http()
    .post('/api/inbound/email')
    .set('Content-Type', 'message/rfc822')
    .set('X-Signature', signInbound(INBOUND_SECRET, raw))
    .send(raw);
}

/** The id of an onboarding's step, by key. */
export async function stepId(t: TestApp, onboardingId: string, key: string): Promise<string> {
  const [row] = (await t.dataSource.query(
    `SELECT id FROM onboarding_step WHERE onboarding_id = $1 AND key = $2`,
    [onboardingId, key],
  )) as { id: string }[];
  if (!row) throw new Error(`no step ${key}`);
  return row.id;
}

/** The id of an engagement's document version. */
export async function documentVersionId(
  t: TestApp,
  engagementId: string,
  kind: string,
  version = 1,
): Promise<string> {
  const [row] = (await t.dataSource.query(
    `SELECT id FROM engagement_document_version WHERE engagement_id = $1 AND kind = $2 AND version = $3`,
    [engagementId, kind, version],
  )) as { id: string }[];
  if (!row) throw new Error(`no ${kind} v${version}`);
  return row.id;
}

/** Another tenant's engagement (Northwind's), for 404 checks. */
export async function northwindEngagementId(t: TestApp): Promise<string> {
  const [row] = (await t.dataSource.query(
    `SELECT e.id FROM engagement e JOIN organisation o ON o.id = e.customer_organisation_id WHERE o.name = 'Northwind Retail'`,
  )) as { id: string }[];
  if (!row) throw new Error('no Northwind engagement');
  return row.id;
}
