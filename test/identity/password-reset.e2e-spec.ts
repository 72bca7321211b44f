import { Clock } from '@app/platform';
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { csrfTokenIn, portalAgent, signIn, textOf } from '../portal/portal-client';
import { until } from '../support/polling';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const NEW_PASSWORD = 'violet harbour kettle mosaic';

/**
 * "Forgot password" through the real stack: the API or the portal asks, the worker mails a
 * single-use, short-lived link (SMTP on loopback) in the reader's language and time zone, and
 * the new password ends every session and token.
 */
describe('account recovery', () => {
  let t: TestApp;
  let sink: SmtpSink;

  const resetMails = (to: string): ParsedMail[] =>
    sink.messages.filter(
      (m) => JSON.stringify(m.to).includes(to) && /reset-password\?token=/.test(m.text ?? ''),
    );
  const linkIn = (mail: ParsedMail): string =>
    /(\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] as string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('answers the same for any address, and mails a link only to an account, in its language and zone', async () => {
    const known = await t
      .http()
      .post('/api/auth/password-reset')
      .send({ email: 'Security@Sakura.example' })
      .expect(202);
    const unknown = await t
      .http()
      .post('/api/auth/password-reset')
      .send({ email: 'nobody@sakura.example' })
      .expect(202);
    expect(unknown.body).toEqual(known.body);
    const [mail] = await until('the reset mail', () =>
      resetMails('security@sakura.example').length
        ? resetMails('security@sakura.example')
        : undefined,
    );
    expect(mail.subject).toBe('MDRオンボーディングポータルの新しいパスワードの設定');
    // Sakura's lead reads Tokyo time: the link's 30 minutes end at 12:3x JST on the test clock's day.
    expect(mail.text).toMatch(/2026\/11\/02 12:3\d JST/);
    expect(mail.text).toContain('30分間');
    // Only the SHA-256 of the token is stored.
    const token = linkIn(mail).split('=')[1];
    const rows = await t.dataSource.query(
      `SELECT token_hash, expires_at FROM one_time_token WHERE purpose = 'password-reset'`,
    );
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).toEqual([
      createHash('sha256').update(token).digest('hex'),
    ]);
    expect(resetMails('nobody@sakura.example')).toEqual([]);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE action = 'user.password_reset_requested'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('sets the new password once through the portal link, ending every session and token', async () => {
    const token = await bearer(t, 'security@sakura.example');
    const browser = portalAgent(t);
    await signIn(browser, 'security@sakura.example');
    const link = linkIn(resetMails('security@sakura.example')[0]);

    const agent = portalAgent(t);
    const page = await agent.get(link).expect(200);
    expect(textOf(page.text)).toContain('新しいパスワードの設定');
    const tokenValue = link.split('=')[1];
    const weak = await agent
      .post('/reset-password')
      .type('form')
      .send({
        _csrf: csrfTokenIn(page.text),
        token: tokenValue,
        password: 'password1234',
        confirmation: 'password1234',
      })
      .expect(400);
    expect(weak.text).toContain('aria-invalid="true"');
    const done = await agent
      .post('/reset-password')
      .type('form')
      .send({
        _csrf: csrfTokenIn(page.text),
        token: tokenValue,
        password: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      })
      .expect(200);
    expect(done.text).toContain('data-testid="reset-done"');

    await t.http().get('/api/me').set('Authorization', token).expect(401);
    const ended = await browser.get('/account').expect(302);
    expect(ended.headers.location).toContain('/login');
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'security@sakura.example', password: TEST_PASSWORD })
      .expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'security@sakura.example', password: NEW_PASSWORD })
      .expect(200);
    // Single use.
    await agent.get(link).expect(400);
    await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: tokenValue, newPassword: 'another violet harbour kettle' })
      .expect(400);
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'user.password_reset'`,
    );
    expect(audit.changes).toEqual({ sessionsEnded: true });
  });

  it('spends an earlier link when a new one is sent, and a link expires after 30 minutes', async () => {
    const email = 'security@northwind.example';
    await t.http().post('/api/auth/password-reset').send({ email }).expect(202);
    const first = linkIn(
      (
        await until('first', () => (resetMails(email).length >= 1 ? resetMails(email) : undefined))
      )[0],
    );
    await t.http().post('/api/auth/password-reset').send({ email }).expect(202);
    const mails = await until('second', () =>
      resetMails(email).length >= 2 ? resetMails(email) : undefined,
    );
    expect(mails[1].subject).toBe('Choose a new password for the MDR onboarding portal');
    const second = linkIn(mails[1]);
    await t.http().get(first).expect(400);
    await t.http().get(second).expect(200);
    const clock = t.app.get(Clock);
    const now = clock.now();
    clock.travelTo(new Date(now.getTime() + 31 * 60_000));
    try {
      await t.http().get(second).expect(400);
      await t
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token: second.split('=')[1], newPassword: NEW_PASSWORD })
        .expect(400);
    } finally {
      clock.travelTo(now);
    }
  });

  it('has a portal form in the reader’s language that says the same for any address, and limits asks per address', async () => {
    const agent = portalAgent(t);
    const login = await agent.get('/login').expect(200);
    expect(login.text).toContain('href="/forgot-password"');
    const form = await agent.get('/forgot-password').set('Accept-Language', 'zh').expect(200);
    const answers: string[] = [];
    for (const email of ['it-cn@sakura.example', 'ghost@sakura.example']) {
      const sent = await agent
        .post('/forgot-password')
        .set('Accept-Language', 'zh')
        .type('form')
        .send({ _csrf: csrfTokenIn(form.text), email })
        .expect(200);
      answers.push(textOf(sent.text).replace(/name="_csrf" value="[^"]+"/, ''));
    }
    expect(answers[0]).toContain('设置新密码的链接已发出');
    expect(answers[1]).toBe(answers[0]);
    await until('the portal-asked mail', () =>
      resetMails('it-cn@sakura.example').length ? true : undefined,
    );
    for (let i = 0; i < 5; i += 1)
      await t
        .http()
        .post('/api/auth/password-reset')
        .send({ email: 'ghost2@sakura.example' })
        .expect(202);
    await t
      .http()
      .post('/api/auth/password-reset')
      .send({ email: 'ghost2@sakura.example' })
      .expect(429);
  });
});
