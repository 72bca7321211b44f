import { Clock } from '@app/platform';
import { Secret, TOTP } from 'otpauth';
import { csrfTokenIn, portalAgent, textOf } from '../portal/portal-client';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * An authenticator app (TOTP, RFC 6238) through the real stack: set up with a QR code, the
 * secret sealed at rest, sign-in needing a current code once it is on (API and portal), a code
 * accepted once, recovery codes stored hashed and single use, removal proven by a code.
 */
describe('two-step sign-in with an authenticator app', () => {
  let t: TestApp;
  let clock: Clock;
  const email = 'security@northwind.example';

  const codeAt = (secret: string, atMs: number): string =>
    new TOTP({
      secret: Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    }).generate({ timestamp: atMs });
  /** Moves the app's clock to the next 30-second step, so the next code is a fresh one. */
  const nextStep = (): void =>
    clock.travelTo(new Date((Math.floor(clock.nowMs() / 30_000) + 1) * 30_000 + 1000));
  const login = (body: object) =>
    t
      .http()
      .post('/api/auth/login')
      .send({ email, password: TEST_PASSWORD, ...body });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    clock = t.app.get(Clock);
  });
  afterAll(() => t.close());

  it('is set up with a QR code and a first code, then every sign-in needs a code, each accepted once', async () => {
    const token = `Bearer ${(await login({}).expect(200)).body.accessToken}`;
    const started = await t.http().post('/api/me/mfa/totp').set('Authorization', token).expect(201);
    expect(started.body.uri).toMatch(
      /^otpauth:\/\/totp\/MDR%20Onboarding%20Portal:security%40northwind\.example\?/,
    );
    expect(
      Buffer.from(started.body.qrCode.replace('data:image/svg+xml;base64,', ''), 'base64').toString(
        'utf8',
      ),
    ).toContain('<svg');
    const secret: string = started.body.secret;
    // Still off until confirmed.
    await login({}).expect(200);
    await t
      .http()
      .post('/api/me/mfa/totp/confirm')
      .set('Authorization', token)
      .send({ code: '000000' })
      .expect(400);
    const confirmed = await t
      .http()
      .post('/api/me/mfa/totp/confirm')
      .set('Authorization', token)
      .send({ code: codeAt(secret, clock.nowMs()) })
      .expect(200);
    const recoveryCodes: string[] = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    // At rest: the secret sealed, the recovery codes hashed.
    const [row] = await t.dataSource.query(
      `SELECT t.secret_sealed FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.email = $1`,
      [email],
    );
    expect(row.secret_sealed).toMatch(/^v1:/);
    expect(row.secret_sealed).not.toContain(secret);
    const hashes = await t.dataSource.query(`SELECT code_hash FROM user_recovery_code`);
    expect(JSON.stringify(hashes)).not.toContain(recoveryCodes[0].replace(/-/g, ''));

    const missing = await login({}).expect(401);
    expect(missing.body.code).toBe('MFA_REQUIRED');
    expect((await login({ otp: '123456' }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    // The code of the step used to confirm is spent; the next step's works once.
    nextStep();
    const code = codeAt(secret, clock.nowMs());
    await login({ otp: code }).expect(200);
    await login({ otp: code }).expect(401);
    // A recovery code works once.
    await login({ otp: recoveryCodes[0] }).expect(200);
    await login({ otp: recoveryCodes[0] }).expect(401);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE action IN ('user.mfa_enrolment_started', 'user.mfa_enabled', 'user.recovery_code_used') ORDER BY seq`,
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'user.mfa_enrolment_started',
      'user.mfa_enabled',
      'user.recovery_code_used',
    ]);
  });

  it('asks for the code on the portal’s sign-in form, and shows the app on the account page in the reader’s language', async () => {
    const agent = portalAgent(t);
    const form = await agent.get('/login').expect(200);
    const refused = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), email, password: TEST_PASSWORD })
      .expect(401);
    expect(refused.text).toContain('name="code"');
    expect(refused.text).toContain('autocomplete="one-time-code"');
    // Setting up through the portal, as Sakura's security lead (who reads Japanese).
    const it = portalAgent(t);
    const itForm = await it.get('/login').expect(200);
    await it
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfTokenIn(itForm.text),
        email: 'security@sakura.example',
        password: TEST_PASSWORD,
      })
      .expect(303);
    const page = await it.get('/account/mfa').expect(200);
    expect(textOf(page.text)).toContain('認証アプリを設定する');
    const started = await it
      .post('/account/mfa/start')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(200);
    // (Handlebars escapes the base64 padding '=' as &#x3D;, which the browser reads back.)
    expect(started.text).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*"/);
    const secret = /data-testid="mfa-secret">([A-Z2-7]+)</.exec(started.text)?.[1] as string;
    const wrong = await it
      .post('/account/mfa/confirm')
      .type('form')
      .send({ _csrf: csrfTokenIn(started.text), code: '000000' })
      .expect(400);
    expect(textOf(wrong.text)).toContain('アプリの現在のコードと一致しません');
    const fresh = /data-testid="mfa-secret">([A-Z2-7]+)</.exec(wrong.text)?.[1] as string;
    expect(fresh).not.toBe(secret);
    nextStep();
    const on = await it
      .post('/account/mfa/confirm')
      .type('form')
      .send({ _csrf: csrfTokenIn(wrong.text), code: codeAt(fresh, clock.nowMs()) })
      .expect(200);
    expect(on.text).toContain('data-testid="recovery-codes"');

    // Signing in at the portal now needs the code.
    const browser = portalAgent(t);
    const login = await browser.get('/login').expect(200);
    await browser
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfTokenIn(login.text),
        email: 'security@sakura.example',
        password: TEST_PASSWORD,
      })
      .expect(401);
    nextStep();
    await browser
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfTokenIn(login.text),
        email: 'security@sakura.example',
        password: TEST_PASSWORD,
        code: codeAt(fresh, clock.nowMs()),
      })
      .expect(303);
    const account = await browser.get('/account/mfa').expect(200);
    expect(textOf(account.text)).toContain('未使用のリカバリーコード：10 個');

    // Removed with a current code; then the password alone signs in again.
    nextStep();
    const removed = await browser
      .post('/account/mfa/disable')
      .type('form')
      .send({ _csrf: csrfTokenIn(account.text), code: codeAt(fresh, clock.nowMs()) })
      .expect(303);
    expect(removed.headers.location).toBe('/account/mfa');
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'security@sakura.example', password: TEST_PASSWORD })
      .expect(200);
    const [disabled] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_record WHERE action = 'user.mfa_disabled'`,
    );
    expect(disabled.n).toBe(1);
  });

  it('counts wrong codes as failed sign-ins (slowed like wrong passwords)', async () => {
    // The wrong codes of the tests above count too: within six more tries the account is slowed.
    const answers: { status: number; retryAfter?: string }[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await login({ otp: '000000' });
      answers.push({ status: response.status, retryAfter: response.headers['retry-after'] });
    }
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    const slowed = answers.find((a) => a.status === 429);
    expect(slowed?.retryAfter).toBeDefined();
  });
});
