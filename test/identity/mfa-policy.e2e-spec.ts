import { Clock } from '@app/platform';
import { Secret, TOTP } from 'otpauth';
import { csrfTokenIn, portalAgent, PortalAgent, signIn, textOf } from '../portal/portal-client';
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const codeAt = (secret: string, atMs: number): string =>
  new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate({ timestamp: atMs });

/** Moves the app's clock to the next 30-second step, so the next code is a fresh one. */
function nextStep(clock: Clock): void {
  clock.travelTo(new Date((Math.floor(clock.nowMs() / 30_000) + 1) * 30_000 + 1000));
}

async function organisationId(t: TestApp, name: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM organisation WHERE name = $1`, [name]);
  return row.id;
}

async function auditOf(
  t: TestApp,
  action: string,
): Promise<
  { subject_id: string; actor_user_id: string | null; changes: Record<string, unknown> }[]
> {
  return t.dataSource.query(
    `SELECT subject_id, actor_user_id, changes FROM audit_record WHERE action = $1 ORDER BY seq`,
    [action],
  );
}

/** Sets up an authenticator app through the portal's enrolment page; answers its secret. */
async function enrolInPortal(agent: PortalAgent, clock: Clock): Promise<string> {
  const page = await agent.get('/account/mfa').expect(200);
  const started = await agent
    .post('/account/mfa/start')
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text) })
    .expect(200);
  const secret = /data-testid="mfa-secret">([A-Z2-7]+)</.exec(started.text)?.[1] as string;
  nextStep(clock);
  const on = await agent
    .post('/account/mfa/confirm')
    .type('form')
    .send({ _csrf: csrfTokenIn(started.text), code: codeAt(secret, clock.nowMs()) })
    .expect(200);
  expect(on.text).toContain('data-testid="recovery-codes"');
  return secret;
}

/**
 * The MFA policy through the real stack: an organisation's "require MFA for all users" (its lead
 * or a platform admin switches it, audited, another tenant's organisation 404), a person without
 * a second factor signed in only to set one up (portal: every page redirects to the enrolment
 * page; API: 403 MFA_ENROLMENT_REQUIRED and no token), the last factor kept, API keys unaffected.
 */
describe('MFA policy: an organisation requires two-step sign-in', () => {
  let t: TestApp;
  let clock: Clock;
  let sakura: string;
  let northwind: string;
  let sakuraLead: string;
  let sakuraKey: string;
  let sakuraEngagement: string;
  let itJpSecret: string;
  const policy = (id: string) => `/api/organisations/${id}/mfa-policy`;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    clock = t.app.get(Clock);
    sakura = await organisationId(t, 'Sakura Manufacturing');
    northwind = await organisationId(t, 'Northwind Retail');
    sakuraLead = await bearer(t, 'security@sakura.example');
    const [engagement] = await t.dataSource.query(
      `SELECT id FROM engagement WHERE customer_organisation_id = $1`,
      [sakura],
    );
    sakuraEngagement = engagement.id;
    // A key made before the policy: keys are not sessions, the policy does not reach them.
    const made = await t
      .http()
      .post('/api/api-keys')
      .set('Authorization', sakuraLead)
      .send({ name: 'SIEM', scopes: ['incidents:read'], engagementId: sakuraEngagement })
      .expect(201);
    sakuraKey = `Bearer ${made.body.key}`;
  });
  afterAll(() => t.close());

  it('is switched only by the organisation’s lead or a platform admin; another tenant’s organisation answers 404; the body is validated', async () => {
    const view = await t.http().get(policy(sakura)).set('Authorization', sakuraLead).expect(200);
    expect(view.body).toMatchObject({
      organisationId: sakura,
      requireMfa: false,
      canChange: true,
      activeUsers: 3,
      usersWithoutSecondFactor: 3,
    });
    // Northwind's lead: Sakura is another tenant's organisation.
    const northwindLead = await bearer(t, 'security@northwind.example');
    for (const request of [
      t.http().get(policy(sakura)),
      t.http().put(policy(sakura)).send({ requireMfa: true }),
    ]) {
      const answer = await request.set('Authorization', northwindLead).expect(404);
      expect(JSON.stringify(answer.body)).not.toContain('Sakura');
    }
    // Sakura's IT staff and the provider's lead see the organisation but may not switch it.
    await t
      .http()
      .put(policy(sakura))
      .set('Authorization', await bearer(t, 'it-jp@sakura.example'))
      .send({ requireMfa: true })
      .expect(403);
    await t
      .http()
      .put(policy(sakura))
      .set('Authorization', await bearer(t, 'lead@mdr.example'))
      .send({ requireMfa: true })
      .expect(403);
    const invalid = await t
      .http()
      .put(policy(sakura))
      .set('Authorization', sakuraLead)
      .send({ requireMfa: 'yes' })
      .expect(400);
    expect(JSON.stringify(invalid.body)).toContain('requireMfa');
    // An API key is not a person: no route for it here.
    await t
      .http()
      .put(policy(sakura))
      .set('Authorization', sakuraKey)
      .send({ requireMfa: true })
      .expect(403);
    // The platform admin switches any organisation's (here Northwind's, on and off again).
    const admin = await bearer(t, 'admin@portal.example');
    await t
      .http()
      .put(policy(northwind))
      .set('Authorization', admin)
      .send({ requireMfa: true })
      .expect(200);
    await t
      .http()
      .put(policy(northwind))
      .set('Authorization', admin)
      .send({ requireMfa: false })
      .expect(200);
    expect(await auditOf(t, 'organisation.mfa_policy_changed')).toEqual([
      expect.objectContaining({
        subject_id: northwind,
        changes: { requireMfa: { from: false, to: true } },
      }),
      expect.objectContaining({
        subject_id: northwind,
        changes: { requireMfa: { from: true, to: false } },
      }),
    ]);
  });

  it('once on, a person without an app gets no token (403 MFA_ENROLMENT_REQUIRED) and open tokens reach only the enrolment routes; API keys go on', async () => {
    const on = await t
      .http()
      .put(policy(sakura))
      .set('Authorization', sakuraLead)
      .send({ requireMfa: true })
      .expect(200);
    expect(on.body).toMatchObject({ requireMfa: true, usersWithoutSecondFactor: 3 });
    const [changed] = (await auditOf(t, 'organisation.mfa_policy_changed')).filter(
      (r) => r.subject_id === sakura,
    );
    expect(changed.changes).toEqual({ requireMfa: { from: false, to: true } });

    const refused = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'it-cn@sakura.example', password: TEST_PASSWORD })
      .expect(403);
    expect(refused.body).toEqual({
      statusCode: 403,
      code: 'MFA_ENROLMENT_REQUIRED',
      message: expect.stringContaining('/account/mfa'),
    });
    expect(refused.body.accessToken).toBeUndefined();
    expect(await auditOf(t, 'user.sign_in_refused_mfa_enrolment')).toHaveLength(1);
    // A wrong password still answers as a wrong password: the policy tells nothing before it.
    expect(
      (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'it-cn@sakura.example', password: 'not the password at all' })
          .expect(401)
      ).body.code,
    ).toBe('INVALID_CREDENTIALS');

    // The lead's token from before: only the enrolment routes, until the app is on.
    const blocked = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', sakuraLead)
      .expect(403);
    expect(blocked.body.code).toBe('MFA_ENROLMENT_REQUIRED');
    await t
      .http()
      .put(policy(sakura))
      .set('Authorization', sakuraLead)
      .send({ requireMfa: false })
      .expect(403);
    expect(
      (await t.http().get('/api/me').set('Authorization', sakuraLead).expect(200)).body
        .mfaEnrolmentRequired,
    ).toBe(true);
    // The key of the lead is not a session: it works as before.
    await t
      .http()
      .get(`/api/engagements/${sakuraEngagement}/incidents`)
      .set('Authorization', sakuraKey)
      .expect(200);

    const started = await t
      .http()
      .post('/api/me/mfa/totp')
      .set('Authorization', sakuraLead)
      .expect(201);
    nextStep(clock);
    await t
      .http()
      .post('/api/me/mfa/totp/confirm')
      .set('Authorization', sakuraLead)
      .send({ code: codeAt(started.body.secret, clock.nowMs()) })
      .expect(200);
    await t.http().get('/api/engagements').set('Authorization', sakuraLead).expect(200);
    expect(
      (await t.http().get('/api/me').set('Authorization', sakuraLead).expect(200)).body
        .mfaEnrolmentRequired,
    ).toBe(false);
  });

  it('sends a person without an app from every portal page to the enrolment page until it is on; then they sign in with a code', async () => {
    const agent = portalAgent(t);
    // The password is right: the sign-in succeeds, into the enrolment page only.
    await signIn(agent, 'it-jp@sakura.example');
    for (const path of [
      '/',
      '/account',
      '/account/sessions',
      `/organisations/${sakura}/mfa-policy`,
    ]) {
      const redirected = await agent.get(path).expect(303);
      expect(redirected.headers.location).toBe('/account/mfa');
    }
    const page = await agent.get('/account/mfa').expect(200);
    expect(page.text).toContain('data-testid="mfa-required"');
    // In the reader's language (Sakura's IT staff read Japanese).
    expect(textOf(page.text)).toContain('2 段階認証が必要です');
    // A form elsewhere is refused the same way.
    const posted = await agent
      .post('/account')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), language: 'en', timeZone: '' })
      .expect(303);
    expect(posted.headers.location).toBe('/account/mfa');

    itJpSecret = await enrolInPortal(agent, clock);
    await agent.get('/').expect(200);
    expect((await agent.get('/account/mfa').expect(200)).text).not.toContain(
      'data-testid="mfa-required"',
    );

    // From now on the password alone is not enough, and the code signs in.
    expect(
      (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'it-jp@sakura.example', password: TEST_PASSWORD })
          .expect(401)
      ).body.code,
    ).toBe('MFA_REQUIRED');
    nextStep(clock);
    await t
      .http()
      .post('/api/auth/login')
      .send({
        email: 'it-jp@sakura.example',
        password: TEST_PASSWORD,
        otp: codeAt(itJpSecret, clock.nowMs()),
      })
      .expect(200);
    const enabled = await auditOf(t, 'user.mfa_enabled');
    expect(enabled.length).toBe(2);
  });

  it('keeps the last factor while the organisation requires one; switched off, nobody is forced and it can go', async () => {
    nextStep(clock);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({
        email: 'it-jp@sakura.example',
        password: TEST_PASSWORD,
        otp: codeAt(itJpSecret, clock.nowMs()),
      })
      .expect(200);
    const itJp = `Bearer ${login.body.accessToken}`;
    nextStep(clock);
    const kept = await t
      .http()
      .post('/api/me/mfa/totp/disable')
      .set('Authorization', itJp)
      .send({ code: codeAt(itJpSecret, clock.nowMs()) })
      .expect(409);
    expect(kept.body).toMatchObject({
      code: 'MFA_LAST_FACTOR',
      message: expect.stringContaining('Your organisation requires two-step sign-in'),
    });
    // The portal's page says so in the reader's language.
    const agent = portalAgent(t);
    const form = await agent.get('/login').expect(200);
    nextStep(clock);
    await agent
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfTokenIn(form.text),
        email: 'it-jp@sakura.example',
        password: TEST_PASSWORD,
        code: codeAt(itJpSecret, clock.nowMs()),
      })
      .expect(303);
    const account = await agent.get('/account/mfa').expect(200);
    const refused = await agent
      .post('/account/mfa/disable')
      .type('form')
      .send({ _csrf: csrfTokenIn(account.text), code: codeAt(itJpSecret, clock.nowMs()) })
      .expect(409);
    expect(textOf(refused.text)).toContain('解除できません');

    // Switched off by the lead (now with an app): no one is forced any more.
    const off = await t
      .http()
      .put(policy(sakura))
      .set('Authorization', sakuraLead)
      .send({ requireMfa: false })
      .expect(200);
    expect(off.body.requireMfa).toBe(false);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'it-cn@sakura.example', password: TEST_PASSWORD })
      .expect(200);
    nextStep(clock);
    await t
      .http()
      .post('/api/me/mfa/totp/disable')
      .set('Authorization', itJp)
      .send({ code: codeAt(itJpSecret, clock.nowMs()) })
      .expect(204);
    const changes = (await auditOf(t, 'organisation.mfa_policy_changed'))
      .filter((r) => r.subject_id === sakura)
      .map((r) => r.changes);
    expect(changes).toEqual([
      { requireMfa: { from: false, to: true } },
      { requireMfa: { from: true, to: false } },
    ]);
  });

  it('is shown on the portal to the organisation’s people and switched there by its lead (another tenant’s: 404)', async () => {
    const lead = portalAgent(t);
    await signIn(lead, 'security@northwind.example');
    const account = await lead.get('/account').expect(200);
    expect(account.text).toContain(`href="/organisations/${northwind}/mfa-policy"`);
    const page = await lead.get(`/organisations/${northwind}/mfa-policy`).expect(200);
    expect(page.text).toContain('data-required="false"');
    const switched = await lead
      .post(`/organisations/${northwind}/mfa-policy`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), requireMfa: 'true' })
      .expect(303);
    expect(switched.headers.location).toBe(`/organisations/${northwind}/mfa-policy`);
    // The lead has no app: the next page is the enrolment page.
    expect(
      (await lead.get(`/organisations/${northwind}/mfa-policy`).expect(303)).headers.location,
    ).toBe('/account/mfa');
    const [row] = await t.dataSource.query(`SELECT require_mfa FROM organisation WHERE id = $1`, [
      northwind,
    ]);
    expect(row.require_mfa).toBe(true);
    // Sakura's people see their own organisation's page read-only, and not Northwind's.
    const it = portalAgent(t);
    await signIn(it, 'it-cn@sakura.example');
    const own = await it.get(`/organisations/${sakura}/mfa-policy`).expect(200);
    expect(own.text).not.toContain('data-testid="mfa-policy-switch"');
    await it.get(`/organisations/${northwind}/mfa-policy`).expect(404);
    const forged = await it
      .post(`/organisations/${northwind}/mfa-policy`)
      .type('form')
      .send({ _csrf: csrfTokenIn(own.text), requireMfa: 'false' });
    expect(forged.status).toBe(404);
    await it
      .post(`/organisations/${sakura}/mfa-policy`)
      .type('form')
      .send({ _csrf: csrfTokenIn(own.text), requireMfa: 'true' })
      .expect(403);
  });
});

/**
 * MFA_REQUIRED_FOR_PROVIDER: provider staff and platform admins must have a second factor,
 * whatever their organisation says; customers are not affected by it.
 */
describe('MFA policy: the platform rule for provider staff and platform admins', () => {
  let t: TestApp;
  let clock: Clock;

  beforeAll(async () => {
    t = await startTestApp({ seed: true, env: { MFA_REQUIRED_FOR_PROVIDER: 'true' } });
    clock = t.app.get(Clock);
  });
  afterAll(() => t.close());

  it('refuses provider staff and platform admins without an app a token, not customers', async () => {
    for (const email of [
      'lead@mdr.example',
      'analyst@mdr.example',
      'am@mdr.example',
      'admin@portal.example',
    ]) {
      const refused = await t
        .http()
        .post('/api/auth/login')
        .send({ email, password: TEST_PASSWORD })
        .expect(403);
      expect(refused.body.code).toBe('MFA_ENROLMENT_REQUIRED');
    }
    await bearer(t, 'security@sakura.example');
  });

  it('sends the provider’s analyst to enrol on the portal, then signs them in with the code; the last factor stays', async () => {
    const agent = portalAgent(t);
    await signIn(agent, 'analyst@mdr.example');
    expect((await agent.get('/').expect(303)).headers.location).toBe('/account/mfa');
    const secret = await enrolInPortal(agent, clock);
    await agent.get('/').expect(200);
    nextStep(clock);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({
        email: 'analyst@mdr.example',
        password: TEST_PASSWORD,
        otp: codeAt(secret, clock.nowMs()),
      })
      .expect(200);
    nextStep(clock);
    const kept = await t
      .http()
      .post('/api/me/mfa/totp/disable')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ code: codeAt(secret, clock.nowMs()) })
      .expect(409);
    expect(kept.body.message).toContain('provider staff and platform admins');
  });
});
