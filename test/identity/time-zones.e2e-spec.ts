import { AuditRecord } from '@app/audit';
import { csrfTokenIn, portalAgent, signIn, textOf } from '../portal/portal-client';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * Every time a person reads is in their time zone, named: their own choice, else the country
 * they work for, else their organisation's. The test clock starts at 2026-11-02T03:00Z, which is
 * 12:00 in Tokyo, 11:00 in Shanghai and 03:00 in London (GMT in November).
 */
describe('time zones: each reader sees times in their own zone', () => {
  let t: TestApp;
  let tokens: Tokens;
  let onboardingId: string;
  const me = async (email: string) =>
    (
      await t
        .http()
        .get('/api/me')
        .set('Authorization', await tokens.for(email))
        .expect(200)
    ).body;
  const patchMe = async (email: string, body: object) =>
    t
      .http()
      .patch('/api/me')
      .set('Authorization', await tokens.for(email))
      .send(body);

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    onboardingId = await createSakuraOnboarding(t, tokens);
  });
  afterAll(() => t.close());

  it('derives each person’s zone from their country or organisation', async () => {
    expect((await me('security@sakura.example')).timeZone).toBe('Asia/Tokyo');
    expect((await me('it-cn@sakura.example')).timeZone).toBe('Asia/Shanghai');
    expect((await me('security@northwind.example')).timeZone).toBe('Europe/London');
    expect((await me('lead@mdr.example')).timeZone).toBe('Asia/Tokyo');
  });

  it('lets a person choose a zone (validated, audited) and go back to their organisation’s', async () => {
    const bad = await patchMe('security@northwind.example', { timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('timeZone');
    expect((await patchMe('security@northwind.example', { language: 'xx' })).status).toBe(400);
    const chosen = await patchMe('security@northwind.example', { timeZone: 'America/New_York' });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toEqual({ language: 'en', timeZone: 'America/New_York' });
    expect((await me('security@northwind.example')).timeZone).toBe('America/New_York');
    const audited = await t.dataSource
      .getRepository(AuditRecord)
      .findBy({ action: 'user.preferences_changed' });
    expect(audited.map((a) => (a.changes as { to: { timeZone: string } }).to.timeZone)).toEqual([
      'America/New_York',
    ]);
    expect((await patchMe('security@northwind.example', { timeZone: null })).status).toBe(200);
    expect((await me('security@northwind.example')).timeZone).toBe('Europe/London');
  });

  it('shows the same moment on a page in each reader’s zone and language, the zone named', async () => {
    const historyTime = async (email: string): Promise<string> => {
      const agent = portalAgent(t);
      await signIn(agent, email);
      const page = (await agent.get(`/onboardings/${onboardingId}`).expect(200)).text;
      const match = /<time class="history__at"[^>]*>([^<]+)<\/time>/.exec(page);
      if (!match) throw new Error('no history time on the page');
      return match[1];
    };
    expect(await historyTime('security@sakura.example')).toMatch(/^2026\/11\/02 12:0\d JST$/);
    expect(await historyTime('it-cn@sakura.example')).toMatch(/^2026年11月2日 11:0\d GMT\+8$/);
    expect(await historyTime('lead@mdr.example')).toMatch(/^2 Nov 2026, 12:0\d GMT\+9$/);
  });

  it('has a settings page where a person picks their zone; the page then speaks it', async () => {
    const agent = portalAgent(t);
    await signIn(agent, 'it-jp@sakura.example');
    const page = (await agent.get('/account').expect(200)).text;
    expect(textOf(page)).toContain('タイムゾーン Asia/Tokyo');
    await agent
      .post('/account')
      .type('form')
      .send({ _csrf: csrfTokenIn(page), language: 'ja', timeZone: 'Nowhere/Land' })
      .expect(400);
    await agent
      .post('/account')
      .type('form')
      .send({ _csrf: csrfTokenIn(page), language: 'en', timeZone: 'Europe/Berlin' })
      .expect(303);
    const after = textOf((await agent.get('/account').expect(200)).text);
    expect(after).toContain('Your settings are saved.');
    expect(after).toMatch(
      /It is now 2 Nov 2026, 04:0\d CET in your time zone \(Europe\/Berlin\)\./,
    );
  });
});
