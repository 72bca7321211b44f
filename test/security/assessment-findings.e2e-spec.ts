import type { ParsedMail } from 'mailparser';
import { acceptInvitation } from '../support/invitations';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { recipients, until } from '../support/polling';
import { cookiePair, listenOnLoopback, rawRequest, RawResponse } from '../support/raw-http';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Regression tests for the findings of the outside assessment (issue 22), each with the request
 * the assessors made, through the real stack: the built-up API in server mode, PostgreSQL,
 * Redis, the worker and a real SMTP server on loopback; cross-origin requests over real sockets.
 * Findings 1 and 8 (the embedded mode's mailbox, listening address and DATA_DIR) are tested on
 * the spawned embedded portal in test/embedded/embedded-mode; finding 4 (throttling) in
 * test/security/login-throttling.
 */
describe('outside assessment (issue 22): the edges hold', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let port: number;
  let tokens: Tokens;
  const organisations = new Map<string, string>();
  const engagements = new Map<string, string>();

  /** Mail that has arrived for `address`, waiting until `count` have. */
  const mailTo = (address: string, count = 1): Promise<ParsedMail[]> =>
    until(`${count} mail(s) to ${address}`, () => {
      const found = sink.messages.filter((m) => recipients(m).includes(address));
      return found.length >= count ? found : undefined;
    });

  /** The set-password token in the newest welcome mail to `address`. */
  const invitationFromMail = async (address: string): Promise<string> => {
    const [mail] = (await mailTo(address)).slice(-1);
    const token = /\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1];
    if (!token) throw new Error(`no set-password link in the mail to ${address}`);
    return token;
  };

  /** Signs in through the portal's form over a real socket, as a browser does; returns the session cookie. */
  const portalSignIn = async (email: string, password = TEST_PASSWORD): Promise<string> => {
    const form = await rawRequest(port, { path: '/login' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const signedIn = await rawRequest(port, {
      method: 'POST',
      path: '/login',
      headers: {
        cookie: cookiePair(form, 'mdr_session'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
    });
    expect(signedIn.status).toBe(303);
    return cookiePair(signedIn, 'mdr_session');
  };

  /**
   * A portal page's form: its CSRF token, and the session cookie to post it with (rendering the
   * first form of a session puts the CSRF secret into the session, which sets a new cookie).
   */
  const portalForm = async (
    path: string,
    cookie: string,
    headers: Record<string, string> = {},
  ): Promise<{ csrf: string; cookie: string; page: RawResponse }> => {
    const page = await rawRequest(port, { path, headers: { ...headers, cookie } });
    const renewed = ([] as string[])
      .concat(page.headers['set-cookie'] ?? [])
      .some((c) => c.startsWith('mdr_session='))
      ? cookiePair(page, 'mdr_session')
      : cookie;
    return {
      csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '',
      cookie: renewed,
      page,
    };
  };

  /** The Sakura onboarding (one per engagement), started on first use. */
  let sakuraOnboarding: string | null = null;
  const sakuraOnboardingId = async (): Promise<string> =>
    (sakuraOnboarding ??= await createSakuraOnboarding(t, tokens));

  /** A portal page with only this cookie: 200 when it signs someone in, 302 to /login when not. */
  const portalHome = (cookie: string): Promise<RawResponse> =>
    rawRequest(port, { path: '/', headers: { cookie } });

  const api = (method: 'get' | 'post', path: string, auth: string, body?: object) => {
    const call = t.http()[method](path).set('Authorization', auth);
    return body ? call.send(body) : call;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    port = await listenOnLoopback(t);
    tokens = new Tokens(t);
    for (const row of (await t.dataSource.query(`SELECT id, name FROM organisation`)) as {
      id: string;
      name: string;
    }[])
      organisations.set(row.name, row.id);
    const list = await api('get', '/api/engagements', await tokens.for('lead@mdr.example')).expect(
      200,
    );
    for (const e of list.body.items as { id: string; customerName: string }[])
      engagements.set(e.customerName, e.id);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  describe('1. the dev mailbox', () => {
    it('does not exist in server mode, not even for the platform admin', async () => {
      await api('get', '/api/dev/mailbox', await tokens.for('admin@portal.example')).expect(404);
      const cookie = await portalSignIn('admin@portal.example');
      expect((await rawRequest(port, { path: '/mailbox', headers: { cookie } })).status).toBe(404);
    });
  });

  describe('2. nobody approves for a customer with a password someone else chose', () => {
    it('refuses the exact request: a provider lead creating a Northwind security lead with a password', async () => {
      const ghost = {
        email: 'ghost-lead@northwind.example',
        displayName: 'Ghost',
        role: 'customer_security_lead',
        organisationId: organisations.get('Northwind Retail'),
      };
      const lead = await tokens.for('lead@mdr.example');
      const withPassword = await api('post', '/api/users', lead, {
        ...ghost,
        password: 'Provider-Knows-1',
      }).expect(400);
      expect(withPassword.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
      // Not even as an invitation: Northwind has its security lead, who adds Northwind's people.
      const invited = await api('post', '/api/users', lead, ghost).expect(403);
      expect(invited.body.message).toMatch(/security lead/);
      await api('post', '/api/users', lead, {
        ...ghost,
        email: 'it-x@sakura.example',
        role: 'customer_it',
        countryCode: 'JP',
        organisationId: organisations.get('Sakura Manufacturing'),
      }).expect(403);
      expect(
        await t.dataSource.query(
          `SELECT 1 FROM app_user WHERE email IN ('ghost-lead@northwind.example', 'it-x@sakura.example')`,
        ),
      ).toEqual([]);
    });

    it('lets a provider start a customer off only through an invitation its domain receives; the customer adds the rest and is told of each', async () => {
      const lead = await tokens.for('lead@mdr.example');
      // A customer's domains are its own: not a provider's, where the provider would get the invitation.
      const providerDomain = await api('post', '/api/organisations', lead, {
        kind: 'customer',
        name: 'Kestrel Freight',
        language: 'en',
        emailDomains: ['kestrel.example', 'mdr.example'],
      }).expect(400);
      expect(providerDomain.body.details).toEqual([
        { field: 'emailDomains', reason: expect.stringContaining('mdr.example') },
      ]);
      const kestrel = await api('post', '/api/organisations', lead, {
        kind: 'customer',
        name: 'Kestrel Freight',
        language: 'en',
        emailDomains: ['kestrel.example'],
      }).expect(201);
      const first = {
        email: 'ciso@kestrel.example',
        displayName: 'Casey Ciso',
        role: 'customer_security_lead',
        organisationId: kestrel.body.id,
      };
      const outside = await api('post', '/api/users', lead, {
        ...first,
        email: 'ciso@freemail.example',
      }).expect(400);
      expect(outside.body.details).toEqual([expect.objectContaining({ field: 'email' })]);
      const ciso = await api('post', '/api/users', lead, first).expect(201);
      // The invitee has no password until they choose one through the link their own mail system got.
      expect(
        await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [
          ciso.body.id,
        ]),
      ).toEqual([{ password_hash: null }]);
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: first.email, password: 'Provider-Knows-1' })
        .expect(401);
      await acceptInvitation(
        t,
        await invitationFromMail(first.email),
        'kestrel ledger harbour gull',
      );
      const cisoAuth = await bearer(t, first.email, 'kestrel ledger harbour gull');

      // Kestrel has its security lead now: the provider adds no one else there.
      await api('post', '/api/users', lead, { ...first, email: 'deputy@kestrel.example' }).expect(
        403,
      );
      // The customer's own lead adds its people; the platform admin may too, and Kestrel's lead is told.
      await api('post', '/api/users', cisoAuth, {
        email: 'it@kestrel.example',
        displayName: 'Kim IT',
        role: 'customer_it',
        countryCode: 'GB',
        organisationId: kestrel.body.id,
      }).expect(201);
      await api('post', '/api/users', await tokens.for('admin@portal.example'), {
        email: 'auditor@kestrel.example',
        displayName: 'Alex Auditor',
        role: 'customer_it',
        countryCode: 'GB',
        organisationId: kestrel.body.id,
      }).expect(201);
      const notices = await until('the notice to Kestrel’s security lead', () =>
        sink.messages.find(
          (m) =>
            recipients(m).includes(first.email) && (m.subject ?? '').startsWith('A user was added'),
        ),
      );
      expect(notices.text).toContain(
        'Alex Auditor (auditor@kestrel.example) was added to Kestrel Freight',
      );
      expect(notices.text).toContain(
        'as Country IT staff, by Portal Admin (Platform administrator)',
      );
      const [audit] = (await t.dataSource.query(
        `SELECT changes FROM audit_record WHERE action = 'user.created' AND changes->>'email' = 'auditor@kestrel.example'`,
      )) as { changes: { invited: boolean; customerLeadsTold: string[] } }[];
      expect(audit.changes).toMatchObject({ invited: true, customerLeadsTold: [ciso.body.id] });
    });
  });

  describe('3. the JSON API takes no cookie', () => {
    it('refuses the exact request: a cross-origin form post to the block list carrying only the session cookie', async () => {
      const northwind = engagements.get('Northwind Retail') as string;
      const cookie = await portalSignIn('lead@mdr.example');
      const forged = await rawRequest(port, {
        method: 'POST',
        path: `/api/engagements/${northwind}/block-list`,
        headers: {
          cookie,
          origin: 'http://evil.example',
          referer: 'http://evil.example/',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'type=domain&value=forged.example&reason=CSRF',
      });
      expect(forged.status).toBe(401);
      const asJson = await rawRequest(port, {
        method: 'POST',
        path: `/api/engagements/${northwind}/block-list`,
        headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'domain', value: 'forged.example', reason: 'CSRF' }),
      });
      expect(asJson.status).toBe(401);
      expect((await rawRequest(port, { path: '/api/me', headers: { cookie } })).status).toBe(401);
      expect(
        await t.dataSource.query(`SELECT 1 FROM block_list_entry WHERE value = 'forged.example'`),
      ).toEqual([]);

      // The portal's own form with that cookie needs its CSRF token, whatever the origin.
      const portalForm = await rawRequest(port, {
        method: 'POST',
        path: `/engagements/${northwind}/block-list`,
        headers: {
          cookie,
          origin: 'http://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'type=domain&value=forged.example&reason=CSRF',
      });
      expect(portalForm.status).toBe(403);
      expect(
        await t.dataSource.query(`SELECT 1 FROM block_list_entry WHERE value = 'forged.example'`),
      ).toEqual([]);
      // The session itself is fine, and a bearer token (which no other site can make a browser send) works.
      expect((await portalHome(cookie)).status).toBe(200);
      await api(
        'post',
        `/api/engagements/${northwind}/block-list`,
        await tokens.for('lead@mdr.example'),
        { type: 'domain', value: 'legit.example', reason: 'C2' },
      ).expect(201);
    });

    it('serves the portal its block-list downloads under the portal, with the session', async () => {
      const cookie = await portalSignIn('it-jp@sakura.example');
      const sakura = engagements.get('Sakura Manufacturing') as string;
      const csv = await rawRequest(port, {
        path: `/engagements/${sakura}/block-list.csv`,
        headers: { cookie },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['cache-control']).toBe('private, no-store');
      const other = await rawRequest(port, {
        path: `/engagements/${engagements.get('Northwind Retail')}/block-list.json`,
        headers: { cookie },
      });
      expect(other.status).toBe(404);
    });
  });

  describe('5. signing out, changing the password and disabling end every session and token at once', () => {
    it('ends a session captured before the portal’s sign-out, in every browser, and every bearer token', async () => {
      const email = 'security@northwind.example';
      const captured = await portalSignIn(email);
      const otherBrowser = await portalSignIn(email);
      const token = await bearer(t, email);
      expect((await portalHome(captured)).status).toBe(200);
      const form = await portalForm('/', captured);
      const out = await rawRequest(port, {
        method: 'POST',
        path: '/logout',
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: form.csrf }).toString(),
      });
      expect(out.status).toBe(303);
      for (const cookie of [captured, otherBrowser]) {
        const page = await portalHome(cookie);
        expect(page.status).toBe(302);
        expect(page.headers.location).toBe('/login');
      }
      await t.http().get('/api/me').set('Authorization', token).expect(401);
      const [audit] = await t.dataSource.query(
        `SELECT actor_ip FROM audit_record WHERE action = 'user.signed_out' ORDER BY seq DESC LIMIT 1`,
      );
      expect(audit.actor_ip).toBeTruthy();
    });

    it('ends them on POST /api/auth/logout too', async () => {
      const email = 'am@mdr.example';
      const cookie = await portalSignIn(email);
      const token = await bearer(t, email);
      await t.http().post('/api/auth/logout').set('Authorization', token).expect(204);
      await t.http().get('/api/me').set('Authorization', token).expect(401);
      expect((await portalHome(cookie)).status).toBe(302);
      await bearer(t, email); // signing in again works
    });

    it('ends every other session and token on a password change; this browser stays signed in', async () => {
      const email = 'analyst@mdr.example';
      const here = await portalSignIn(email);
      const elsewhere = await portalSignIn(email);
      const token = await bearer(t, email);
      const form = await portalForm('/account/password', here);
      expect(form.page.status).toBe(200);
      const newPassword = 'quiet orchard lantern 58';
      const changed = await rawRequest(port, {
        method: 'POST',
        path: '/account/password',
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          currentPassword: TEST_PASSWORD,
          newPassword,
          confirmation: newPassword,
          _csrf: form.csrf,
        }).toString(),
      });
      expect(changed.status).toBe(303);
      expect(changed.headers.location).toBe('/account/password?done=changed');
      const renewed = cookiePair(changed, 'mdr_session');
      const done = await rawRequest(port, {
        path: '/account/password?done=changed',
        headers: { cookie: renewed },
      });
      expect(done.text).toContain('Your password is changed.');
      expect((await portalHome(elsewhere)).status).toBe(302);
      expect((await portalHome(here)).status).toBe(302);
      await t.http().get('/api/me').set('Authorization', token).expect(401);
      await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
      // The API's own change ends the token it was made with as well.
      const fresh = await bearer(t, email, newPassword);
      await t
        .http()
        .post('/api/me/password')
        .set('Authorization', fresh)
        .send({ currentPassword: newPassword, newPassword: TEST_PASSWORD })
        .expect(204);
      await t.http().get('/api/me').set('Authorization', fresh).expect(401);
      await bearer(t, email);
    });

    it('ends them when an administrator disables the user, who then signs in nowhere until enabled', async () => {
      const email = 'it-cn@sakura.example';
      const cookie = await portalSignIn(email);
      const token = await bearer(t, email);
      const [{ id }] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [
        email,
      ]);
      // Only the organisation's lead (or a platform admin); another organisation's user is not found.
      await api(
        'post',
        `/api/users/${id}/disable`,
        await tokens.for('it-jp@sakura.example'),
      ).expect(403);
      await api(
        'post',
        `/api/users/${id}/disable`,
        await tokens.for('security@northwind.example'),
      ).expect(404);
      const disabled = await api(
        'post',
        `/api/users/${id}/disable`,
        await tokens.for('security@sakura.example'),
      ).expect(200);
      expect(disabled.body).toMatchObject({ email, disabled: true });
      await t.http().get('/api/me').set('Authorization', token).expect(401);
      expect((await portalHome(cookie)).status).toBe(302);
      await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
      await api('post', `/api/users/${id}/enable`, await tokens.for('admin@portal.example')).expect(
        200,
      );
      await t.http().get('/api/me').set('Authorization', token).expect(401); // ended stays ended
      await bearer(t, email);
    });
  });

  describe('6. the audit list follows the export’s role rule and masks where people acted from', () => {
    it('refuses customer IT and analysts, and shows IPs and user agents only to who needs them', async () => {
      const sakura = engagements.get('Sakura Manufacturing') as string;
      await api(
        'post',
        `/api/engagements/${sakura}/block-list`,
        await tokens.for('analyst@mdr.example'),
        { type: 'domain', value: 'c2.example', reason: 'C2' },
      )
        .set('User-Agent', 'assessment-agent')
        .expect(201);
      for (const email of ['it-jp@sakura.example', 'analyst@mdr.example']) {
        await api('get', `/api/audit?engagementId=${sakura}`, await tokens.for(email)).expect(403);
        await api('get', `/api/engagements/${sakura}/audit-export`, await tokens.for(email)).expect(
          403,
        );
      }
      type Listed = {
        action: string;
        actorIp: string | null;
        actorUserAgent: string | null;
        networkDetailsMasked?: boolean;
      };
      const added = (items: Listed[]): Listed | undefined =>
        items.find((r) => r.action === 'block_list.entry_added');
      const masked = await api(
        'get',
        `/api/audit?engagementId=${sakura}`,
        await tokens.for('am@mdr.example'),
      ).expect(200);
      expect(masked.body.items.length).toBeGreaterThan(0);
      for (const record of masked.body.items as Listed[])
        expect(record).toMatchObject({
          actorIp: null,
          actorUserAgent: null,
          networkDetailsMasked: true,
        });
      for (const email of ['security@sakura.example', 'admin@portal.example']) {
        const full = await api(
          'get',
          `/api/audit?engagementId=${sakura}`,
          await tokens.for(email),
        ).expect(200);
        expect(added(full.body.items)).toMatchObject({
          actorIp: expect.stringMatching(/127\.0\.0\.1/),
          actorUserAgent: 'assessment-agent',
        });
      }
    });
  });

  describe('7. no cache keeps an authenticated answer', () => {
    it('sends Cache-Control: no-store on the API answers and downloads the assessors named', async () => {
      const lead = await tokens.for('lead@mdr.example');
      const sakura = engagements.get('Sakura Manufacturing') as string;
      const onboarding = await sakuraOnboardingId();
      for (const path of [
        '/api/me',
        `/api/onboardings/${onboarding}`,
        `/api/engagements/${sakura}/endpoints`,
        `/api/engagements/${sakura}/waves.csv`,
        '/api/overview/export.csv',
        '/api/engagements',
      ]) {
        const response = await api(
          'get',
          path,
          path === '/api/overview/export.csv' ? await tokens.for('am@mdr.example') : lead,
        );
        expect({ path, status: response.status, cache: response.headers['cache-control'] }).toEqual(
          { path, status: 200, cache: 'no-store' },
        );
      }
      expect((await t.http().get('/api/me')).headers['cache-control']).toBe('no-store');
      expect((await t.http().get('/static/portal.css')).headers['cache-control']).not.toContain(
        'no-store',
      );
    });
  });

  describe('9. text PostgreSQL cannot store answers 400 naming the field, everywhere', () => {
    it('refuses a NUL in a JSON field, a JSON key, a query parameter, a form field and an upload’s file name', async () => {
      const lead = await tokens.for('lead@mdr.example');
      const sakura = engagements.get('Sakura Manufacturing') as string;
      const onboarding = await sakuraOnboardingId();
      const reason = await api(
        'post',
        `/api/onboardings/${onboarding}/steps/service_agreement/reject`,
        await tokens.for('security@sakura.example'),
        { reason: 'a\u0000b' },
      ).expect(400);
      expect(reason.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        details: [{ field: 'reason', reason: expect.stringMatching(/NUL/) }],
      });
      const key = await api(
        'post',
        `/api/onboardings/${onboarding}/steps/communication_language/proposals`,
        lead,
        { content: { 'lang\u0000': 'ja' } },
      ).expect(400);
      expect(key.body.details).toEqual([
        { field: 'content.lang\\u0000', reason: expect.stringMatching(/name that contains a NUL/) },
      ]);
      const query = await api('get', `/api/engagements/${sakura}/endpoints?q=a%00b`, lead).expect(
        400,
      );
      expect(query.body.details).toEqual([{ field: 'q', reason: expect.stringMatching(/NUL/) }]);
      const surrogate = await api('post', `/api/engagements/${sakura}/block-list`, lead, {
        type: 'domain',
        value: 'x.example',
        reason: 'bad \uD800',
      }).expect(400);
      expect(surrogate.body.details).toEqual([
        { field: 'reason', reason: expect.stringMatching(/unpaired surrogate/) },
      ]);

      const boundary = 'assessment-boundary';
      const upload = await rawRequest(port, {
        method: 'POST',
        path: `/api/engagements/${sakura}/endpoints/import`,
        headers: {
          authorization: lead,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body: Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="inv\u0000entory.csv"\r\nContent-Type: text/csv\r\n\r\n` +
            `hostname,type,os_family,os_version,site,country\r\npc-1,client,windows,10.0.26100,HQ,JP\r\n--${boundary}--\r\n`,
          'utf8',
        ),
      });
      expect(upload.status).toBe(400);
      expect(JSON.parse(upload.text).details).toEqual([
        { field: 'fileName', reason: expect.stringMatching(/NUL/) },
      ]);

      const form = await portalForm(
        `/engagements/${sakura}/block-list`,
        await portalSignIn('lead@mdr.example'),
      );
      const posted = await rawRequest(port, {
        method: 'POST',
        path: `/engagements/${sakura}/block-list`,
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          type: 'domain',
          value: 'nul.example',
          reason: 'a\u0000b',
          _csrf: form.csrf,
        }).toString(),
      });
      expect(posted.status).toBe(400);
      expect(posted.headers['content-type']).toMatch(/^text\/html/);
      expect(
        await t.dataSource.query(`SELECT 1 FROM block_list_entry WHERE value = 'nul.example'`),
      ).toEqual([]);
    });
  });

  describe('10. a password policy worth its name', () => {
    it('refuses aaaaaaaaaaaa and common passwords on the invitation link, with the reason in the reader’s language', async () => {
      const sakuraLead = await tokens.for('security@sakura.example');
      await api('post', '/api/users', sakuraLead, {
        email: 'it-kr@sakura.example',
        displayName: '金 民',
        role: 'customer_it',
        countryCode: 'KR',
        organisationId: organisations.get('Sakura Manufacturing'),
      }).expect(201);
      const token = await invitationFromMail('it-kr@sakura.example');
      const form = await rawRequest(port, {
        path: `/set-password?token=${token}`,
        headers: { 'accept-language': 'ja' },
      });
      const cookie = cookiePair(form, 'mdr_session');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
      const attempt = (password: string, language: string) =>
        rawRequest(port, {
          method: 'POST',
          path: '/set-password',
          headers: {
            cookie,
            'accept-language': language,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({
            token,
            password,
            confirmation: password,
            _csrf: csrf,
          }).toString(),
        });
      const repeated = await attempt('aaaaaaaaaaaa', 'ja');
      expect(repeated.status).toBe(400);
      expect(repeated.text).toContain('推測しやすい並び');
      const common = await attempt('password1234', 'zh');
      expect(common.status).toBe(400);
      expect(common.text).toContain('此密码过于常见');
      const personal = await attempt('it-kr@sakura.example!', 'en');
      expect(personal.text).toContain('must not contain your name or your email address');
      expect((await attempt('jade kiln morning 4 rivers', 'en')).status).toBe(200);
    });

    it('refuses them on a password change, naming the field with the reason', async () => {
      const auth = await bearer(t, 'it-jp@sakura.example');
      const weak = await t
        .http()
        .post('/api/me/password')
        .set('Authorization', auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaaaaaa' })
        .expect(400);
      expect(weak.body.details).toEqual([
        { field: 'newPassword', reason: expect.stringMatching(/predictable pattern/) },
      ]);
      const breached = await t
        .http()
        .post('/api/me/password')
        .set('Authorization', auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'Password123!' })
        .expect(400);
      expect(breached.body.details).toEqual([
        { field: 'newPassword', reason: expect.stringMatching(/common or breached/) },
      ]);
      const wrong = await t
        .http()
        .post('/api/me/password')
        .set('Authorization', auth)
        .send({
          currentPassword: 'not my password at all',
          newPassword: 'jade kiln morning 4 rivers',
        })
        .expect(401);
      expect(wrong.body.details).toEqual([{ field: 'currentPassword', reason: 'is incorrect' }]);
      await t.http().get('/api/me').set('Authorization', auth).expect(200); // nothing changed

      const form = await portalForm(
        '/account/password',
        await portalSignIn('it-jp@sakura.example'),
      );
      expect(form.page.text).toContain('パスワードの変更');
      const refused = await rawRequest(port, {
        method: 'POST',
        path: '/account/password',
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          currentPassword: TEST_PASSWORD,
          newPassword: 'aaaaaaaaaaaa',
          confirmation: 'aaaaaaaaaaaa',
          _csrf: form.csrf,
        }).toString(),
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('推測しやすい並び');
      expect((await portalHome(form.cookie)).status).toBe(200); // a refused change ends nothing
    });
  });
});
