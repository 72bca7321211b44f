import { csrfTokenIn, portalAgent, signIn, textOf } from '../portal/portal-client';
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

interface SessionItem {
  id: string;
  kind: 'portal' | 'token';
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/**
 * A person sees their portal sessions and bearer tokens and ends any one of them, through the
 * API and the portal; ending one leaves the others working; signing out ends every one.
 */
describe('sessions and devices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  const login = async (email: string, agent: string): Promise<string> =>
    `Bearer ${(await t.http().post('/api/auth/login').set('User-Agent', agent).send({ email, password: TEST_PASSWORD }).expect(200)).body.accessToken}`;
  const sessionsOf = async (token: string): Promise<SessionItem[]> =>
    (await t.http().get('/api/me/sessions').set('Authorization', token).expect(200)).body.items;

  it('lists every session and token of the caller and ends one alone', async () => {
    const first = await login('lead@mdr.example', 'siem-exporter/1.0');
    const second = await login('lead@mdr.example', 'curl/8.0');
    const browser = portalAgent(t);
    await signIn(browser, 'lead@mdr.example');
    const other = await bearer(t, 'analyst@mdr.example');

    const items = await sessionsOf(first);
    expect(items.map((s) => s.kind).sort()).toEqual(['portal', 'token', 'token']);
    expect(items.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['siem-exporter/1.0']);
    expect(items.every((s) => s.ip)).toBe(true);
    const secondId = items.find((s) => s.userAgent === 'curl/8.0')?.id as string;

    await t
      .http()
      .post(`/api/me/sessions/${secondId}/revoke`)
      .set('Authorization', first)
      .expect(204);
    await t.http().get('/api/me').set('Authorization', second).expect(401);
    await t.http().get('/api/me').set('Authorization', first).expect(200);
    await browser.get('/account').expect(200);
    expect((await sessionsOf(first)).map((s) => s.id)).not.toContain(secondId);
    // Someone else's session: 404, and it keeps working.
    const otherId = (await sessionsOf(other))[0].id;
    await t
      .http()
      .post(`/api/me/sessions/${otherId}/revoke`)
      .set('Authorization', first)
      .expect(404);
    await t.http().get('/api/me').set('Authorization', other).expect(200);

    const audit = await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'user.session_revoked' AND subject_id = $1`,
      [secondId],
    );
    expect(audit).toEqual([{ changes: { kind: 'token', current: false } }]);
    expect(
      (
        await t.dataSource.query(
          `SELECT 1 FROM audit_record WHERE action = 'user.session_started' AND subject_id = $1`,
          [secondId],
        )
      ).length,
    ).toBe(1);
  });

  it('has a portal page in the reader’s language that ends a token, or this browser’s own session', async () => {
    const token = await login('security@sakura.example', 'ticketing/2.1');
    const browser = portalAgent(t);
    await signIn(browser, 'security@sakura.example');
    const page = await browser.get('/account/sessions').expect(200);
    expect(textOf(page.text)).toContain('サインイン中の端末');
    expect(textOf(page.text)).toContain('ticketing/2.1');
    const tokenId = (await sessionsOf(token)).find((s) => s.current)?.id as string;
    await browser
      .post(`/account/sessions/${tokenId}/revoke`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(303);
    await t.http().get('/api/me').set('Authorization', token).expect(401);
    const after = await browser.get('/account/sessions').expect(200);
    expect(textOf(after.text)).toContain('セッションを終了しました');
    const ownId = /action="\/account\/sessions\/([0-9a-f-]+)\/revoke"/.exec(
      after.text,
    )?.[1] as string;
    expect(after.text).toContain('data-current="true"');
    const out = await browser
      .post(`/account/sessions/${ownId}/revoke`)
      .type('form')
      .send({ _csrf: csrfTokenIn(after.text) })
      .expect(303);
    expect(out.headers.location).toBe('/login');
    const ended = await browser.get('/account').expect(302);
    expect(ended.headers.location).toContain('/login');
  });

  it('ends every row when the person signs out everywhere', async () => {
    const a = await login('it-jp@sakura.example', 'a');
    await login('it-jp@sakura.example', 'b');
    expect(await sessionsOf(a)).toHaveLength(2);
    await t.http().post('/api/auth/logout').set('Authorization', a).expect(204);
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS open FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'it-jp@sakura.example' AND s.revoked_at IS NULL`,
    );
    expect(row.open).toBe(0);
  });
});
