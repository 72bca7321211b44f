import { Clock, SecretCipher } from '@app/platform';
import { Secret, TOTP } from 'otpauth';
import { csrfFrom, csrfTokenIn, portalAgent, PortalAgent, textOf } from '../portal/portal-client';
import {
  startIdentityProvider,
  TestIdentityProvider,
} from '../support/oidc/test-identity-provider';
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const CALLBACK = 'http://127.0.0.1:3000/login/sso/callback';
const CLIENT = {
  client_id: 'mdr-portal-sakura',
  client_secret: 'sakura-client-secret-1f9a7c',
  redirect_uris: [CALLBACK],
};

/** HTML attribute text back to the URL it holds. */
const unescapeHtml = (value: string): string =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');

/**
 * Sign-in through an organisation's own OpenID Connect provider: a real `oidc-provider` on
 * loopback (its own process), the portal's redirect flow at the HTTP level (the login page,
 * the provider's redirects with its cookies, the callback), and the provider misbehaving:
 * another audience, an expired token, a foreign signature, a replayed callback, people it may
 * not sign in. Also the settings' API (validated, audited, secret encrypted) and passwords off.
 *
 * Clocks: the business clock is pinned (2026-11-02); the ID token's expiry is checked by
 * openid-client against the real time, which is the provider's clock too, so an honest token
 * is fresh whatever the business clock reads, and the "expired" token ended an hour before
 * the real now.
 */
describe('single sign-on (OpenID Connect) per organisation', () => {
  let t: TestApp;
  let idp: TestIdentityProvider;
  let sakuraId: string;
  let northwindId: string;
  let sakuraLead: string;

  const settings = (over: Record<string, unknown> = {}): object => ({
    issuer: idp.issuer,
    clientId: CLIENT.client_id,
    clientSecret: CLIENT.client_secret,
    emailDomains: ['sakura.example'],
    passwordSignInDisabled: false,
    ...over,
  });

  /** The login page's company sign-in, the provider, and back: the callback's answer. */
  async function companySignIn(
    agent: PortalAgent,
    email: string,
    via: 'button' | 'address-first' = 'button',
  ): Promise<{ status: number; text: string; location?: string }> {
    const csrf = await csrfFrom(agent, '/login');
    const started =
      via === 'button'
        ? await agent.post('/login/sso').type('form').send({ email, _csrf: csrf })
        : await agent.post('/login').type('form').send({ email, password: '', _csrf: csrf });
    expect(started.status).toBe(200);
    const url = unescapeHtml(
      /http-equiv="refresh" content="0;url=([^"]+)"/.exec(started.text)?.[1] ?? '',
    );
    expect(url.startsWith(`${idp.issuer}/auth?`)).toBe(true);
    const back = new URL(await idp.authorize(url, CALLBACK));
    const answer = await agent.get(`${back.pathname}${back.search}`);
    return { status: answer.status, text: answer.text, location: answer.headers.location };
  }

  const refusals = async (
    reason: string,
  ): Promise<{ changes: Record<string, unknown>; organisation_id: string }[]> =>
    t.dataSource.query(
      `SELECT changes, organisation_id FROM audit_record WHERE action = 'user.sso_sign_in_refused' AND changes->>'reason' = $1 ORDER BY seq`,
      [reason],
    );

  beforeAll(async () => {
    idp = await startIdentityProvider([CLIENT]);
    t = await startTestApp({ seed: true });
    [{ id: sakuraId }] = await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Sakura Manufacturing'`,
    );
    [{ id: northwindId }] = await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Northwind Retail'`,
    );
    sakuraLead = await bearer(t, 'security@sakura.example');
  });
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  it('lets the organisation’s security lead set its provider: validated, audited, the secret encrypted and never answered', async () => {
    const fieldOf = async (body: object): Promise<string[]> => {
      const answer = await t
        .http()
        .put(`/api/organisations/${sakuraId}/sign-in`)
        .set('Authorization', sakuraLead)
        .send(body)
        .expect(400);
      return (
        JSON.stringify(answer.body).match(
          /issuer|clientId|clientSecret|emailDomains|passwordSignInDisabled/g,
        ) ?? []
      );
    };
    expect(await fieldOf(settings({ issuer: 'ftp://idp.example' }))).toContain('issuer');
    expect(await fieldOf(settings({ issuer: 'http://idp.example' }))).toContain('issuer');
    expect(await fieldOf(settings({ emailDomains: ['northwind.example'] }))).toContain(
      'emailDomains',
    );
    expect(await fieldOf(settings({ emailDomains: [] }))).toContain('emailDomains');
    expect(await fieldOf(settings({ clientSecret: undefined }))).toContain('clientSecret');
    expect(await fieldOf(settings({ passwordSignInDisabled: 'yes' }))).toContain(
      'passwordSignInDisabled',
    );

    const saved = await t
      .http()
      .put(`/api/organisations/${sakuraId}/sign-in`)
      .set('Authorization', sakuraLead)
      .send(settings())
      .expect(200);
    expect(saved.body).toMatchObject({
      configured: true,
      issuer: idp.issuer,
      clientId: CLIENT.client_id,
      clientSecretSet: true,
      emailDomains: ['sakura.example'],
      passwordSignInDisabled: false,
    });
    expect(JSON.stringify(saved.body)).not.toContain(CLIENT.client_secret);
    const [row] = await t.dataSource.query(
      `SELECT client_secret_sealed FROM organisation_sso WHERE organisation_id = $1`,
      [sakuraId],
    );
    expect(row.client_secret_sealed).toMatch(/^v1:/);
    expect(row.client_secret_sealed).not.toContain(CLIENT.client_secret);
    expect(
      new SecretCipher(t.config.sessionSecret, 'oidc-client-secret').open(
        row.client_secret_sealed,
        sakuraId,
      ),
    ).toBe(CLIENT.client_secret);
    // Omitting the secret keeps it.
    await t
      .http()
      .put(`/api/organisations/${sakuraId}/sign-in`)
      .set('Authorization', sakuraLead)
      .send(settings({ clientSecret: undefined }))
      .expect(200);
    const [kept] = await t.dataSource.query(
      `SELECT client_secret_sealed FROM organisation_sso WHERE organisation_id = $1`,
      [sakuraId],
    );
    expect(kept.client_secret_sealed).toBe(row.client_secret_sealed);
    const audit = await t.dataSource.query(
      `SELECT action, changes FROM audit_record WHERE subject_id = $1 AND action LIKE 'organisation.sso_%' ORDER BY seq`,
      [sakuraId],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'organisation.sso_configured',
      'organisation.sso_updated',
    ]);
    expect(audit[0].changes).toMatchObject({
      issuer: idp.issuer,
      clientSecretReplaced: true,
      emailDomains: ['sakura.example'],
    });
    expect(JSON.stringify(audit)).not.toContain(CLIENT.client_secret);

    // Who may: not the organisation's IT staff (403), not another tenant (404).
    await t
      .http()
      .get(`/api/organisations/${sakuraId}/sign-in`)
      .set('Authorization', await bearer(t, 'it-jp@sakura.example'))
      .expect(403);
    await t
      .http()
      .get(`/api/organisations/${sakuraId}/sign-in`)
      .set('Authorization', await bearer(t, 'security@northwind.example'))
      .expect(404);
    await t
      .http()
      .get(`/api/organisations/${sakuraId}/sign-in`)
      .set('Authorization', await bearer(t, 'lead@mdr.example'))
      .expect(403);
    await t
      .http()
      .get(`/api/organisations/${sakuraId}/sign-in`)
      .set('Authorization', await bearer(t, 'admin@portal.example'))
      .expect(200);
  });

  it('keeps a domain to one organisation', async () => {
    const admin = await bearer(t, 'admin@portal.example');
    const twin = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .send({
        kind: 'customer',
        name: 'Sakura Twin',
        language: 'en',
        emailDomains: ['sakura.example', 'twin.example'],
      })
      .expect(201);
    const taken = await t
      .http()
      .put(`/api/organisations/${twin.body.id}/sign-in`)
      .set('Authorization', admin)
      .send(settings({ emailDomains: ['sakura.example', 'twin.example'] }))
      .expect(400);
    expect(JSON.stringify(taken.body)).toContain('emailDomains');
    expect(JSON.stringify(taken.body)).toContain('sakura.example');
  });

  it('signs an existing person in through the provider, linked at first use, with the same portal session and no authenticator code', async () => {
    // it-jp has an authenticator app: a password alone is not enough for them.
    const token = await bearer(t, 'it-jp@sakura.example');
    const started = await t.http().post('/api/me/mfa/totp').set('Authorization', token).expect(201);
    const codeAt = (ms: number): string =>
      new TOTP({
        secret: Secret.fromBase32(started.body.secret),
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
      }).generate({ timestamp: ms });
    await t
      .http()
      .post('/api/me/mfa/totp/confirm')
      .set('Authorization', token)
      .send({ code: codeAt(t.app.get(Clock).nowMs()) })
      .expect(200);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'it-jp@sakura.example', password: TEST_PASSWORD })
      .expect(401);

    await idp.nextSignIn({ sub: 'sakura-0001', email: 'it-jp@sakura.example' });
    const browser = portalAgent(t);
    const back = await companySignIn(browser, 'it-jp@sakura.example');
    expect(back).toMatchObject({ status: 303, location: '/' });
    const account = await browser.get('/account').expect(200);
    expect(account.text).toContain('鈴木 一郎');

    const [{ id: userId }] = await t.dataSource.query(
      `SELECT id FROM app_user WHERE email = 'it-jp@sakura.example'`,
    );
    const sessions = await t.dataSource.query(
      `SELECT kind, auth_method FROM user_session WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC`,
      [userId],
    );
    expect(sessions[0]).toEqual({ kind: 'portal', auth_method: 'sso' });
    expect(
      await t.dataSource.query(
        `SELECT subject, organisation_id FROM user_sso_link WHERE user_id = $1`,
        [userId],
      ),
    ).toEqual([{ subject: 'sakura-0001', organisation_id: sakuraId }]);
    const [startedAudit] = await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'user.session_started' AND actor_user_id = $1 ORDER BY seq DESC LIMIT 1`,
      [userId],
    );
    expect(startedAudit.changes).toEqual({ kind: 'portal', authMethod: 'sso' });
    expect(
      (
        await t.dataSource.query(
          `SELECT 1 FROM audit_record WHERE action = 'user.sso_linked' AND subject_id = $1`,
          [userId],
        )
      ).length,
    ).toBe(1);

    // Address first: the login form with an address and no password goes to the provider too.
    await idp.nextSignIn({ sub: 'sakura-0001', email: 'it-jp@sakura.example' });
    expect(
      await companySignIn(portalAgent(t), 'it-jp@sakura.example', 'address-first'),
    ).toMatchObject({ status: 303, location: '/' });
    // A domain with no provider: told to use the password.
    const plain = portalAgent(t);
    const plainCsrf = await csrfFrom(plain, '/login');
    const refused = await plain
      .post('/login/sso')
      .type('form')
      .send({ email: 'security@northwind.example', _csrf: plainCsrf })
      .expect(400);
    expect(textOf(refused.text)).toContain('No company sign-in is set up for this address');
  });

  it.each([
    ['another audience', 'aud' as const, /aud/],
    ['an expired ID token', 'expired' as const, /JWT expired/],
    ['a signature by another key', 'signature' as const, /signature|verif|key/i],
  ])('refuses %s, signs nobody in, and audits why', async (_what, how, detail) => {
    await idp.nextSignIn({ sub: 'sakura-0001', email: 'it-jp@sakura.example' });
    await idp.tamper(how);
    try {
      const browser = portalAgent(t);
      const before = (await refusals('token_invalid')).length;
      const back = await companySignIn(browser, 'it-jp@sakura.example');
      expect(back.status).toBe(403);
      expect(textOf(back.text)).toContain('Your company sign-in could not be verified');
      expect((await browser.get('/account')).status).toBe(302);
      const audited = await refusals('token_invalid');
      expect(audited).toHaveLength(before + 1);
      expect(String(audited[before].changes.detail)).toMatch(detail);
      expect(audited[before].organisation_id).toBe(sakuraId);
    } finally {
      await idp.tamper(null);
    }
  });

  it('refuses a replayed callback, even with a copy of the session cookie taken before it', async () => {
    await idp.nextSignIn({ sub: 'sakura-0001', email: 'it-jp@sakura.example' });
    const browser = portalAgent(t);
    const csrf = await csrfFrom(browser, '/login');
    const started = await browser
      .post('/login/sso')
      .type('form')
      .send({ email: 'it-jp@sakura.example', _csrf: csrf })
      .expect(200);
    const cookie = (started.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .join('; ');
    const url = unescapeHtml(
      /http-equiv="refresh" content="0;url=([^"]+)"/.exec(started.text)?.[1] ?? '',
    );
    const back = new URL(await idp.authorize(url, CALLBACK));
    const path = `${back.pathname}${back.search}`;
    await t.http().get(path).set('Cookie', cookie).expect(303);
    const replay = await t.http().get(path).set('Cookie', cookie).expect(403);
    expect(textOf(replay.text)).toContain('already used or has expired');
    expect((await refusals('state_replayed')).length).toBe(1);
    // Without the browser's session (another browser): refused before anything else.
    const stranger = await t.http().get(path).expect(403);
    expect(textOf(stranger.text)).toContain('not started in this browser');
  });

  it('refuses a person of another organisation, and creates no one who does not exist', async () => {
    await idp.nextSignIn({ sub: 'sakura-0099', email: 'security@northwind.example' });
    const other = await companySignIn(portalAgent(t), 'it-cn@sakura.example');
    expect(other.status).toBe(403);
    expect(textOf(other.text)).toContain('belongs to another organisation');
    const [audited] = await refusals('other_organisation');
    expect(audited).toMatchObject({
      organisation_id: sakuraId,
      changes: { email: 'security@northwind.example', subject: 'sakura-0099' },
    });

    const users = Number((await t.dataSource.query(`SELECT count(*) AS n FROM app_user`))[0].n);
    await idp.nextSignIn({ sub: 'sakura-0100', email: 'newcomer@sakura.example' });
    const unknown = await companySignIn(portalAgent(t), 'newcomer@sakura.example');
    expect(unknown.status).toBe(403);
    expect(textOf(unknown.text)).toContain('accounts are never created at sign-in');
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM app_user`))[0].n)).toBe(
      users,
    );
    expect(
      await t.dataSource.query(
        `SELECT 1 FROM user_sso_link WHERE subject IN ('sakura-0099', 'sakura-0100')`,
      ),
    ).toEqual([]);
    expect((await refusals('user_unknown'))[0]).toMatchObject({
      organisation_id: sakuraId,
      changes: { email: 'newcomer@sakura.example' },
    });
  });

  it('with passwords off, refuses password sign-in and reset for the organisation’s people with a message, and the provider still signs them in', async () => {
    await t
      .http()
      .put(`/api/organisations/${sakuraId}/sign-in`)
      .set('Authorization', sakuraLead)
      .send(settings({ clientSecret: undefined, passwordSignInDisabled: true }))
      .expect(200);
    const api = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'it-cn@sakura.example', password: TEST_PASSWORD })
      .expect(403);
    expect(api.body.code).toBe('PASSWORD_SIGN_IN_DISABLED');
    // Wrong password, same answer: decided by the domain, it says nothing of the account.
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@sakura.example', password: 'wrong' })
      .expect(403);

    const browser = portalAgent(t);
    const loginCsrf = await csrfFrom(browser, '/login');
    const page = await browser
      .post('/login')
      .type('form')
      .send({ email: 'it-cn@sakura.example', password: TEST_PASSWORD, _csrf: loginCsrf })
      .expect(403);
    expect(textOf(page.text)).toContain('signs in through its company sign-in only');
    const outbox = Number(
      (await t.dataSource.query(`SELECT count(*) AS n FROM outbox_message`))[0].n,
    );
    const forgotCsrf = await csrfFrom(browser, '/forgot-password');
    const forgot = await browser
      .post('/forgot-password')
      .type('form')
      .send({ email: 'it-cn@sakura.example', _csrf: forgotCsrf })
      .expect(403);
    expect(textOf(forgot.text)).toContain('signs in through its company sign-in only');
    expect(
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM outbox_message`))[0].n),
    ).toBe(outbox);

    // Other organisations keep their passwords; Sakura's people sign in through the provider, and
    // such a session meets the organisation's MFA policy (it-cn has no authenticator app).
    await bearer(t, 'security@northwind.example');
    await t
      .http()
      .put(`/api/organisations/${sakuraId}/mfa-policy`)
      .set('Authorization', sakuraLead)
      .send({ requireMfa: true })
      .expect(200);
    await idp.nextSignIn({ sub: 'sakura-0002', email: 'it-cn@sakura.example' });
    const viaProvider = portalAgent(t);
    expect(await companySignIn(viaProvider, 'it-cn@sakura.example')).toMatchObject({
      status: 303,
      location: '/',
    });
    await viaProvider.get('/').expect(200);
    await viaProvider.get('/account/sessions').expect(200);
    // Whereas the lead's password session without an app now reaches only the enrolment.
    expect(
      (await t.http().get('/api/engagements').set('Authorization', sakuraLead).expect(403)).body
        .code,
    ).toBe('MFA_ENROLMENT_REQUIRED');
    await t
      .http()
      .put(`/api/organisations/${sakuraId}/mfa-policy`)
      .set('Authorization', await bearer(t, 'admin@portal.example'))
      .send({ requireMfa: false })
      .expect(200);
  });

  it('has a settings page in the reader’s language that saves, names a wrong field and removes', async () => {
    const browser = portalAgent(t);
    await idp.nextSignIn({ sub: 'sakura-0003', email: 'security@sakura.example' });
    expect(await companySignIn(browser, 'security@sakura.example')).toMatchObject({ status: 303 });
    const page = await browser.get(`/organisations/${sakuraId}/sign-in`).expect(200);
    expect(textOf(page.text)).toContain('シングルサインオン');
    expect(page.text).not.toContain(CLIENT.client_secret);
    expect(textOf(page.text)).toContain(CALLBACK);
    const bad = await browser
      .post(`/organisations/${sakuraId}/sign-in`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(page.text),
        issuer: 'not a url',
        clientId: CLIENT.client_id,
        emailDomains: 'sakura.example',
        passwordSignInDisabled: 'on',
      })
      .expect(400);
    expect(textOf(bad.text)).toContain('Issuer URL');
    const saved = await browser
      .post(`/organisations/${sakuraId}/sign-in`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(page.text),
        issuer: idp.issuer,
        clientId: CLIENT.client_id,
        emailDomains: 'sakura.example',
      })
      .expect(303);
    expect(saved.headers.location).toBe(`/organisations/${sakuraId}/sign-in`);
    const [after] = await t.dataSource.query(
      `SELECT password_sign_in_disabled FROM organisation_sso WHERE organisation_id = $1`,
      [sakuraId],
    );
    expect(after.password_sign_in_disabled).toBe(false);
    const shown = await browser.get(`/organisations/${sakuraId}/sign-in`).expect(200);
    expect(textOf(shown.text)).toContain('シングルサインオンを保存しました');
    await browser
      .post(`/organisations/${sakuraId}/sign-in/remove`)
      .type('form')
      .send({ _csrf: csrfTokenIn(shown.text) })
      .expect(303);
    expect(
      await t.dataSource.query(`SELECT 1 FROM organisation_sso WHERE organisation_id = $1`, [
        sakuraId,
      ]),
    ).toEqual([]);
    expect(
      await t.dataSource.query(`SELECT 1 FROM user_sso_link WHERE organisation_id = $1`, [
        sakuraId,
      ]),
    ).toEqual([]);
    expect(
      (
        await t.dataSource.query(
          `SELECT 1 FROM audit_record WHERE action = 'organisation.sso_removed' AND subject_id = $1`,
          [sakuraId],
        )
      ).length,
    ).toBe(1);
    // Another organisation's page: 404, as for every other tenant's object.
    await browser.get(`/organisations/${northwindId}/sign-in`).expect(404);
  });
});
