import { GrantCache } from '@app/identity';
import { Clock } from '@app/platform';
import { Client } from 'pg';
import { until } from '../support/polling';
import { portalAgent, PortalAgent, signIn } from '../portal/portal-client';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * A bearer token's grant is kept between requests (no SQL once known), and every change that
 * makes it stale takes effect on the next request: the session ended, the person signed out
 * everywhere or was disabled, a role changed, the organisation's MFA policy changed, whether
 * the change came through this process or from another connection (another API process).
 */
describe('grant cache', () => {
  let t: TestApp;
  let cache: GrantCache;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    cache = t.app.get(GrantCache);
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/api/me').set('Authorization', token);
  const userId = async (email: string): Promise<string> =>
    (await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;

  /** Signs in and waits until the grant is kept (the listener connects on first use). */
  async function kept(email: string): Promise<string> {
    const token = await bearer(t, email);
    const id = await userId(email);
    await until(`the grant of ${email} to be kept`, async () => {
      await me(token).expect(200);
      return cache.keys().some((key) => key.startsWith(`${id}\n`)) ? true : undefined;
    });
    return token;
  }

  it('serves a kept grant, and ends it on the request after the session is revoked', async () => {
    const token = await kept('analyst@mdr.example');
    const sessions = (
      await t.http().get('/api/me/sessions').set('Authorization', token).expect(200)
    ).body.items as { id: string; current: boolean }[];
    const current = sessions.find((s) => s.current)?.id as string;
    await t
      .http()
      .post(`/api/me/sessions/${current}/revoke`)
      .set('Authorization', token)
      .expect(204);
    await me(token).expect(401);
  });

  it('ends every kept token on the request after signing out everywhere', async () => {
    const token = await kept('it-jp@sakura.example');
    await t.http().post('/api/auth/logout').set('Authorization', token).expect(204);
    await me(token).expect(401);
  });

  it('answers with a changed role, and refuses a disabled person, on the next request', async () => {
    const token = await kept('it-cn@sakura.example');
    const id = await userId('it-cn@sakura.example');
    expect((await me(token).expect(200)).body.roles).toEqual(['customer_it']);
    await t.dataSource.query(
      `UPDATE membership SET role = 'customer_security_lead' WHERE user_id = $1`,
      [id],
    );
    expect((await me(token).expect(200)).body.roles).toEqual(['customer_security_lead']);
    await t.dataSource.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [id]);
    await me(token).expect(401);
  });

  it('marks a kept session once its organisation requires MFA', async () => {
    const token = await kept('security@sakura.example');
    expect((await me(token).expect(200)).body.mfaEnrolmentRequired).toBe(false);
    await t.dataSource.query(
      `UPDATE organisation SET require_mfa = true WHERE id = (SELECT organisation_id FROM app_user WHERE email = 'security@sakura.example')`,
    );
    expect((await me(token).expect(200)).body.mfaEnrolmentRequired).toBe(true);
  });

  it('drops kept grants when another connection (another API process) changes them', async () => {
    const token = await kept('lead@mdr.example');
    const other = new Client({ connectionString: t.config.databaseUrl });
    await other.connect();
    try {
      await other.query(
        `UPDATE app_user SET session_version = session_version + 1 WHERE email = 'lead@mdr.example'`,
      );
    } finally {
      await other.end();
    }
    // The notification reaches this process on its listening connection, a moment after commit.
    await until('the kept grant to be dropped', () =>
      cache.keys().length === 0 ? true : undefined,
    );
    await me(token).expect(401);
  });

  describe('the portal session cookie', () => {
    const page = (agent: PortalAgent) => agent.get('/account/notifications');
    const nameOn = (html: string, testid: string): string | undefined =>
      new RegExp(`data-testid="${testid}">([^<]*)<`).exec(html)?.[1];

    /** Signs in to the portal and waits until its session (grant and names) is kept. */
    async function keptPortal(email: string): Promise<PortalAgent> {
      const agent = portalAgent(t);
      await signIn(agent, email);
      const id = await userId(email);
      await until(`the portal session of ${email} to be kept`, async () => {
        await page(agent).expect(200);
        return cache.keys().some((key) => key.startsWith(`${id}\n`)) ? true : undefined;
      });
      return agent;
    }

    it('shows a changed display name and organisation name on the next page', async () => {
      const agent = await keptPortal('analyst@mdr.example');
      const id = await userId('analyst@mdr.example');
      await t.dataSource.query(
        `UPDATE app_user SET display_name = 'Renamed Person' WHERE id = $1`,
        [id],
      );
      expect(nameOn((await page(agent).expect(200)).text, 'account-name')).toBe('Renamed Person');
      await t.dataSource.query(
        `UPDATE organisation SET name = 'Renamed Organisation' WHERE id = (SELECT organisation_id FROM app_user WHERE id = $1)`,
        [id],
      );
      expect(nameOn((await page(agent).expect(200)).text, 'account-organisation')).toBe(
        'Renamed Organisation',
      );
    });

    it('ends a kept portal session on the page after signing out everywhere', async () => {
      const agent = await keptPortal('lead@mdr.example');
      await t.dataSource.query(
        `UPDATE app_user SET session_version = session_version + 1 WHERE email = 'lead@mdr.example'`,
      );
      await page(agent).expect(302).expect('location', '/login');
    });

    it('ends a kept portal session on the page after its session row is revoked', async () => {
      const agent = await keptPortal('am@mdr.example');
      const id = await userId('am@mdr.example');
      await t.dataSource.query(
        `UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
        [id],
      );
      await page(agent).expect(302).expect('location', '/login');
    });

    it('refuses a disabled person on the next page', async () => {
      const agent = await keptPortal('security@northwind.example');
      await t.dataSource.query(
        `UPDATE app_user SET disabled_at = now() WHERE email = 'security@northwind.example'`,
      );
      await page(agent).expect(302).expect('location', '/login');
    });

    // Last: it moves the business clock. The cookie is rewritten by responses and outlives the
    // row it names; the row's end is the session's end, kept or not.
    it('ends a kept session, cookie or token, once its row has expired', async () => {
      const agent = await keptPortal('analyst@mdr.example');
      const token = await kept('am@mdr.example');
      const endOf = async (email: string): Promise<number> => {
        const [{ end }] = await t.dataSource.query(
          `SELECT max(expires_at) AS end FROM user_session
            WHERE user_id = (SELECT id FROM app_user WHERE email = $1) AND revoked_at IS NULL`,
          [email],
        );
        return (end as Date).getTime();
      };
      const clock = t.app.get(Clock);
      const before = clock.now();
      try {
        const portalEnd = await endOf('analyst@mdr.example');
        clock.travelTo(new Date(portalEnd - 60_000));
        await page(agent).expect(200);
        clock.travelTo(new Date(portalEnd + 60_000));
        await page(agent).expect(302).expect('location', '/login');

        clock.travelTo(before);
        const tokenEnd = await endOf('am@mdr.example');
        clock.travelTo(new Date(tokenEnd - 60_000));
        await me(token).expect(200);
        clock.travelTo(new Date(tokenEnd + 60_000));
        await me(token).expect(401);
      } finally {
        clock.travelTo(before);
      }
    });
  });
});
