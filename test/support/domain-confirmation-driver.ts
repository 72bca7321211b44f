import { ReaderZones } from '@app/identity';
import { ConfirmationContextLoader, DomainPermissionSender } from '@app/authorisation';
import { AuditService } from '@app/audit';
import {
  MAILER,
  Mailer,
  MailRenderer,
  NotificationLedger,
  OutboxMessage,
  SentNotification,
} from '@app/notify';
import { Clock, TransactionRunner } from '@app/platform';
import { ConfirmationTokens } from '../../libs/authorisation/src/domain-confirmation/services/confirmation-tokens';
import { TestApp } from './test-app';

export const CONFIRM_LINK = /\/confirm\/([A-Za-z0-9_-]{43})/;

export interface ConfirmationItem {
  id: string;
  recipient: string;
  state: string;
  confirmedVia: string | null;
  referenceCode: string;
  contentSha256: string;
}

/** The token in a mail's confirmation link. */
export function tokenFromMail(text: string): string {
  const match = CONFIRM_LINK.exec(text);
  if (!match?.[1]) throw new Error(`No confirmation link in:\n${text}`);
  return match[1];
}

export async function sendDomainConfirmation(
  t: TestApp,
  bearer: string,
  onboardingId: string,
  recipients: string[],
): Promise<ConfirmationItem[]> {
  const response = await t
    .http()
    .post(`/api/onboardings/${onboardingId}/domain-confirmations`)
    .set('Authorization', bearer)
    .send({ recipients })
    .expect(201);
  return response.body.items;
}

/** Opens the public page (a session and its CSRF token) and posts the decision. */
export async function decideByLink(
  t: TestApp,
  token: string,
  decision: 'approve' | 'decline',
): Promise<{ status: number; text: string }> {
  const page = await t.http().get(`/confirm/${token}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const cookies = page.headers['set-cookie'] as unknown as string[] | undefined;
  if (page.status !== 200 || !csrf || !cookies) return { status: page.status, text: page.text };
  const response = await t
    .http()
    .post(`/confirm/${token}`)
    .set('Cookie', cookies.map((c) => c.split(';')[0]).join('; '))
    .type('form')
    .send({ _csrf: csrf, decision });
  return { status: response.status, text: response.text };
}

/**
 * Mails a queued request when the test app runs no worker: the real sender (token issued at send
 * time, the real renderer and the app's mailer, the dev mailbox without SMTP_URL), driven by
 * the request's own outbox message, as the worker's handler would.
 */
export async function mailWithoutWorker(t: TestApp, confirmationId: string): Promise<void> {
  const outbox = await t.dataSource
    .getRepository(OutboxMessage)
    .createQueryBuilder('o')
    .where(`o.job_name = 'domain-permission-email' AND o.payload->>'confirmationId' = :id`, {
      id: confirmationId,
    })
    .getOneOrFail();
  const sender = new DomainPermissionSender(
    t.app.get(TransactionRunner),
    t.app.get(AuditService),
    t.app.get(ConfirmationTokens),
    t.app.get(ConfirmationContextLoader),
    t.app.get(MailRenderer),
    new NotificationLedger(t.dataSource.getRepository(SentNotification), t.config),
    t.app.get<symbol, Mailer>(MAILER),
    t.config,
    t.app.get(Clock),
    t.app.get(ReaderZones),
  );
  await sender.send(outbox.id, confirmationId);
}

/**
 * A mark to read the dev mailbox from: a second before the database's time now. The mailbox
 * stamps mail with the database's time (when it was delivered), not the business clock.
 */
export async function mailboxMark(t: TestApp): Promise<Date> {
  const [row] = (await t.dataSource.query(`SELECT now() - interval '1 second' AS at`)) as {
    at: Date;
  }[];
  return row.at;
}

/** The newest dev-mailbox mail to `to` (no SMTP_URL), waiting for the worker when there is one. */
export async function devMailTo(
  t: TestApp,
  to: string,
  after: Date,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows: { text: string }[] = await t.dataSource.query(
      `SELECT text FROM dev_mailbox_message WHERE "to" = $1 AND created_at >= $2 AND text LIKE '%/confirm/%' ORDER BY created_at DESC LIMIT 1`,
      [to, after],
    );
    if (rows[0]) return rows[0].text;
    if (Date.now() > deadline)
      throw new Error(`No domain-permission mail to ${to} in the dev mailbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Completes `domain_permission_email` the way a customer does: the provider lead sends the
 * email, the link is read from the mail that was really sent, and the recipient approves on the
 * public page. Needs the dev mailbox (no SMTP_URL).
 */
export async function confirmDomainPermission(
  t: TestApp,
  leadBearer: string,
  onboardingId: string,
  recipient = 'security@sakura.example',
): Promise<void> {
  if (t.config.smtpUrl)
    throw new Error('confirmDomainPermission reads the dev mailbox: run the app without SMTP_URL');
  const since = await mailboxMark(t);
  const [item] = await sendDomainConfirmation(t, leadBearer, onboardingId, [recipient]);
  if (!item) throw new Error('No confirmation was created');
  if (!t.worker) await mailWithoutWorker(t, item.id);
  const decided = await decideByLink(
    t,
    tokenFromMail(await devMailTo(t, recipient, since)),
    'approve',
  );
  if (decided.status !== 200)
    throw new Error(`Confirming failed with ${decided.status}:\n${decided.text.slice(0, 500)}`);
}
