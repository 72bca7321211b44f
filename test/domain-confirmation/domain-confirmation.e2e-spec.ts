// date-sensitive: link expiry (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { Clock } from '@app/platform';
import { hashToken } from '@app/identity';
import { signInbound } from '@app/authorisation';
import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import { startDnsServer, DnsServer } from '../support/dns-server';
import {
  ConfirmationItem,
  decideByLink,
  sendDomainConfirmation,
  tokenFromMail,
} from '../support/domain-confirmation-driver';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = 'inbound-webhook-secret-of-at-least-32-chars';
const SECURITY = 'security@sakura.example';
const IT = 'it-jp@sakura.example';
const CISO = 'ciso@sakura.example';

describe('domain-permission email: link, reply, DNS', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let dns: DnsServer;
  let browser: Browser;
  let tokens: Tokens;
  let id: string;
  let baseUrl: string;
  let lead: string;
  const permissionMails = (): ParsedMail[] =>
    sink.messages.filter((m) => m.messageId?.startsWith('<domain-permission.'));
  const mailTo = (to: string, _messages?: ParsedMail[]): ParsedMail[] =>
    permissionMails().filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === to);
  const waitForPermissionMails = async (count: number): Promise<ParsedMail[]> => {
    for (let seen = sink.messages.length; permissionMails().length < count; seen += 1)
      await sink.waitFor(seen + 1);
    return permissionMails();
  };
  const list = async (): Promise<{
    stepState: string;
    items: ConfirmationItem[];
    dns: { expected: { txt: string; name: string }[]; latest: { passed: boolean }[] };
  }> =>
    (
      await t
        .http()
        .get(`/api/onboardings/${id}/domain-confirmations`)
        .set('Authorization', lead)
        .expect(200)
    ).body;
  const current = async (recipient: string): Promise<ConfirmationItem> => {
    const item = (await list()).items.find(
      (i) => i.recipient === recipient && i.state !== 'superseded',
    );
    if (!item) throw new Error(`no request to ${recipient}`);
    return item;
  };
  const stepState = async (): Promise<string> =>
    (await steps(t, tokens, id)).find((s) => s.key === 'domain_permission_email')?.state ?? '';

  beforeAll(async () => {
    sink = await startSmtpSink();
    dns = await startDnsServer();
    t = await startTestApp({
      seed: true,
      withWorker: true,
      env: {
        SMTP_URL: sink.url,
        DNS_RESOLVER: dns.address,
        INBOUND_EMAIL_SECRET: SECRET,
        INBOUND_EMAIL_ADDRESS: 'replies@portal.example',
        CONFIRM_ATTEMPTS_PER_MINUTE: '1000',
        LOG_LEVEL: process.env.DC_LOG ?? 'silent',
      },
    });
    tokens = new Tokens(t);
    lead = await tokens.for('lead@mdr.example');
    const engagementId = await sakuraEngagementId(t, tokens);
    id = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    // Every other step the gate step waits behind, driven by the people they wait on.
    for (let round = 0; round < 60 && (await stepState()) !== 'open'; round += 1) {
      for (const step of (await steps(t, tokens, id)).filter(
        (s) => s.key !== 'domain_permission_email' && (s.state === 'open' || s.state === 'stale'),
      )) {
        const fresh = (await steps(t, tokens, id)).find((s) => s.key === step.key);
        if (fresh?.state === 'open' || fresh?.state === 'stale')
          await drive(t, tokens, id, fresh, engagementId);
      }
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.stop();
    await dns?.stop();
  });

  it('refuses addresses outside the customer domains (400 naming the field), customers (403) and other tenants (404)', async () => {
    const bad = await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations`)
      .set('Authorization', lead)
      .send({ recipients: [SECURITY, 'x@evil.example'] })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'recipients[1]' })]);
    await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations`)
      .set('Authorization', await tokens.for(SECURITY))
      .send({ recipients: [SECURITY] })
      .expect(403);
    const northwind = await tokens.for('security@northwind.example');
    await t
      .http()
      .get(`/api/onboardings/${id}/domain-confirmations`)
      .set('Authorization', northwind)
      .expect(404);
    await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations`)
      .set('Authorization', northwind)
      .send({ recipients: [SECURITY] })
      .expect(404);
    await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations/dns-check`)
      .set('Authorization', northwind)
      .expect(404);
    expect((await list()).items).toEqual([]);
  });

  it('mails each recipient in the customer language with the link, Message-ID and Reply-To; the token is stored only as its hash', async () => {
    const items = await sendDomainConfirmation(t, lead, id, [SECURITY, IT, CISO]);
    expect(items.map((i) => i.recipient).sort()).toEqual([CISO, SECURITY, IT].sort());
    const mails = await waitForPermissionMails(3);
    expect(mails).toHaveLength(3);
    const mail = mailTo(SECURITY, mails)[0] as ParsedMail;
    expect(mail.subject).toContain('ドメイン許可');
    expect(mail.text).toContain('sakura-manufacturing.console.example-edr.com');
    expect(mail.text).toContain('example-edr');
    expect(mail.messageId).toMatch(/^<domain-permission\.[0-9a-f-]{36}@127\.0\.0\.1>$/);
    expect(mail.replyTo?.value[0]?.address).toBe('replies@portal.example');
    const token = tokenFromMail(mail.text ?? '');
    expect(mail.text).toContain(`http://127.0.0.1:3000/confirm/${token}`);
    const outbox = await t.dataSource.query(
      `SELECT payload::text AS p FROM outbox_message WHERE job_name = 'domain-permission-email'`,
    );
    expect(outbox).toHaveLength(3);
    for (const row of outbox as { p: string }[]) expect(row.p).not.toContain(token);
    const stored = await t.dataSource.query(
      `SELECT token_hash FROM one_time_token WHERE purpose = 'domain-permission' AND recipient = $1`,
      [SECURITY],
    );
    expect(stored).toEqual([{ token_hash: hashToken(token) }]);
    expect((await current(SECURITY)).state).toBe('sent');
  });

  it('a prefetching GET shows the page and confirms nothing; a tampered or unknown token gets the same invalid page', async () => {
    const token = tokenFromMail(mailTo(SECURITY, sink.messages)[0]?.text ?? '');
    for (let i = 0; i < 3; i += 1) {
      const page = await t.http().get(`/confirm/${token}`).expect(200);
      expect(page.text).toContain('sakura-manufacturing.console.example-edr.com');
    }
    expect(await stepState()).toBe('open');
    expect((await current(SECURITY)).state).toBe('sent');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const unknown = await t
      .http()
      .get(`/confirm/${'x'.repeat(43)}`)
      .expect(404);
    const bad = await t.http().get(`/confirm/${tampered}`).expect(404);
    const comparable = (html: string, token: string): string =>
      html
        .replace(/name="_csrf" value="[^"]*"/g, '')
        .split(token)
        .join('TOKEN');
    expect(comparable(bad.text, tampered)).toBe(comparable(unknown.text, 'x'.repeat(43)));
    expect(bad.text).toContain('data-testid="confirm-invalid"');
    expect((await decideByLink(t, tampered, 'approve')).status).toBe(404);
    expect(await stepState()).toBe('open');
  });

  it('a resend invalidates the earlier link of that recipient', async () => {
    const old = await current(IT);
    const oldToken = tokenFromMail(mailTo(IT, sink.messages)[0]?.text ?? '');
    await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations/${old.id}/resend`)
      .set('Authorization', await tokens.for('am@mdr.example'))
      .expect(201);
    await waitForPermissionMails(4);
    const fresh = mailTo(IT, sink.messages)[1] as ParsedMail;
    expect(tokenFromMail(fresh.text ?? '')).not.toBe(oldToken);
    await t.http().get(`/confirm/${oldToken}`).expect(404);
    const states = (await list()).items.filter((i) => i.recipient === IT).map((i) => i.state);
    expect(states.sort()).toEqual(['sent', 'superseded']);
  });

  it('an expired link is refused and listed as expired', async () => {
    const ciso = await current(CISO);
    const token = tokenFromMail(mailTo(CISO, sink.messages)[0]?.text ?? '');
    await t.dataSource.query(
      `UPDATE one_time_token SET expires_at = $2::timestamptz - interval '1 minute' WHERE subject_id = $1`,
      [ciso.id, t.app.get(Clock).now()],
    );
    await t.dataSource.query(
      `UPDATE domain_confirmation SET expires_at = $2::timestamptz - interval '1 minute' WHERE id = $1`,
      [ciso.id, t.app.get(Clock).now()],
    );
    await t.http().get(`/confirm/${token}`).expect(404);
    expect((await decideByLink(t, token, 'approve')).status).toBe(404);
    expect((await current(CISO)).state).toBe('expired');
  });

  it('the recipient follows the link in Chromium and approves: the gate step is done, bound to the statement; the link is then spent', async () => {
    const token = tokenFromMail(mailTo(SECURITY, sink.messages)[0]?.text ?? '');
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/confirm/${token}`);
    await expect(page.getByTestId('confirm-tenant').textContent()).resolves.toBe(
      'sakura-manufacturing.console.example-edr.com',
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOTS, 'domain-confirmation-page.png'),
      fullPage: true,
    });
    await page.getByTestId('confirm-approve').click();
    await page.getByTestId('confirm-done').waitFor();
    expect(problems).toEqual([]);
    await page.close();
    const item = await current(SECURITY);
    expect(item).toMatchObject({ state: 'confirmed', confirmedVia: 'link' });
    const step = (await steps(t, tokens, id)).find((s) => s.key === 'domain_permission_email');
    expect(step).toMatchObject({ state: 'done', contentHash: item.contentSha256 });
    await t.http().get(`/confirm/${token}`).expect(404);
    expect((await decideByLink(t, token, 'decline')).status).toBe(404);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE subject_id = $1 ORDER BY seq`,
      [item.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'domain_confirmation.requested',
      'domain_confirmation.mailed',
      'domain_confirmation.confirmed',
    ]);
  });

  it('the inbound webhook: a bad HMAC is 401, a stranger’s reply is ignored (202), the recipient’s genuine reply confirms (200)', async () => {
    const sent = mailTo(IT, sink.messages)[1] as ParsedMail;
    const reply = (from: string): Buffer =>
      Buffer.from(
        `From: Taro <${from}>\r\nTo: replies@portal.example\r\nSubject: Re: ${sent.subject}\r\nMessage-ID: <reply-${Date.now()}@sakura.example>\r\n` +
          `In-Reply-To: ${sent.messageId}\r\nReferences: ${sent.messageId}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n承認します。\r\n`,
      );
    const post = (body: Buffer, signature?: string) => {
      const request = t.http().post('/api/inbound/email').set('Content-Type', 'message/rfc822');
      return (signature ? request.set('X-Signature', signature) : request).send(body);
    };
    const genuine = reply(IT);
    expect((await post(genuine)).status).toBe(401);
    expect((await post(genuine, signInbound(`${SECRET}x`, genuine))).status).toBe(401);
    const stranger = reply('mallory@sakura.example');
    const ignored = await post(stranger, signInbound(SECRET, stranger)).expect(202);
    expect(ignored.body).toEqual({ matched: false });
    expect((await current(IT)).state).toBe('sent');
    const matched = await post(genuine, signInbound(SECRET, genuine)).expect(200);
    expect(matched.body).toEqual({ matched: true });
    expect(await current(IT)).toMatchObject({ state: 'confirmed', confirmedVia: 'reply' });
    const again = await post(genuine, signInbound(SECRET, genuine)).expect(202);
    expect(again.body).toEqual({ matched: false });
    const huge = Buffer.alloc(1024 * 1024 + 10, 'a');
    expect((await post(huge, signInbound(SECRET, huge))).status).toBe(413);
  });

  it('the DNS TXT check records a failure, then a pass once the record is published', async () => {
    const expected = (await list()).dns.expected[0] as { txt: string; name: string };
    expect(expected.name).toBe('_mdr-authorisation.sakura.example');
    const failed = await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations/dns-check`)
      .set('Authorization', lead)
      .expect(200);
    expect(failed.body.latest).toEqual([
      expect.objectContaining({ domain: 'sakura.example', passed: false }),
    ]);
    dns.txt.set(expected.name, ['token=not-the-value']);
    const wrong = await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations/dns-check`)
      .set('Authorization', lead)
      .expect(200);
    expect(wrong.body.latest[0].passed).toBe(false);
    dns.txt.set(expected.name, ['v=other', expected.txt]);
    const passed = await t
      .http()
      .post(`/api/onboardings/${id}/domain-confirmations/dns-check`)
      .set('Authorization', lead)
      .expect(200);
    expect(passed.body.latest).toEqual([
      expect.objectContaining({ domain: 'sakura.example', passed: true }),
    ]);
    expect((await list()).dns.latest[0]?.passed).toBe(true);
  });
});
