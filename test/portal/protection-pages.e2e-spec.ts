import { Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { engagementIdOf, insertEndpoint } from '../protection/support/protection-driver';
import { csrfTokenIn, portalAgent, signIn, textOf } from './portal-client';

describe('portal: block list, past incidents, notification routing', () => {
  let t: TestApp;
  let sakura: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const tokens = new Tokens(t);
    sakura = await engagementIdOf(t, tokens, 'Sakura Manufacturing');
    await insertEndpoint(t, sakura, 'JP-PC-001', 'JP');
    await insertEndpoint(t, sakura, 'DE-PC-001', 'DE');
  });
  afterAll(() => t.close());

  it('an analyst adds and expires block-list entries; a bad value is shown again with 400', async () => {
    const agent = portalAgent(t);
    await signIn(agent, 'analyst@mdr.example');
    const page = await agent.get(`/engagements/${sakura}/block-list`).expect(200);
    const csrf = csrfTokenIn(page.text);
    await agent
      .post(`/engagements/${sakura}/block-list`)
      .type('form')
      .send({
        _csrf: csrf,
        type: 'domain',
        value: 'Evil.Example',
        reason: 'C2 server',
        expiresOn: '',
      })
      .expect(303)
      .expect('location', `/engagements/${sakura}/block-list`);
    const bad = await agent
      .post(`/engagements/${sakura}/block-list`)
      .type('form')
      .send({ _csrf: csrf, type: 'sha256', value: 'abc', reason: 'typo', expiresOn: '' })
      .expect(400);
    expect(bad.text).toContain('data-testid="protection-problem"');
    expect(bad.text).toContain('value="typo"');
    const after = await agent.get(`/engagements/${sakura}/block-list`).expect(200);
    expect(textOf(after.text)).toContain('evil.example');
    // The exports are the portal's own downloads (the JSON API takes bearer tokens only).
    expect(after.text).toContain(`href="/engagements/${sakura}/block-list.csv"`);
    const exported = await agent.get(`/engagements/${sakura}/block-list.csv`).expect(200);
    expect(exported.text).toContain('evil.example');
    await agent.get(`/api/engagements/${sakura}/block-list.csv`).expect(401);
    const expire = /action="(\/engagements\/[^"]+\/expire)"/.exec(after.text)?.[1] as string;
    await agent
      .post(expire)
      .type('form')
      .send({ _csrf: csrfTokenIn(after.text) })
      .expect(303);
    const expired = await agent.get(`/engagements/${sakura}/block-list`).expect(200);
    expect(expired.text).toContain('protection-row--expired');
  });

  it('the customer reads in Japanese without edit forms; another tenant gets 404', async () => {
    const agent = portalAgent(t);
    await signIn(agent, 'security@sakura.example');
    const page = await agent.get(`/engagements/${sakura}/block-list`).expect(200);
    expect(textOf(page.text)).toContain('静的ブロックリスト');
    expect(page.text).not.toContain('name="reason"');
    const report = await agent.get(`/engagements/${sakura}/past-incidents`).expect(200);
    expect(textOf(report.text)).toContain('有効性レポート');
    const northwind = portalAgent(t);
    await signIn(northwind, 'security@northwind.example');
    for (const path of ['block-list', 'past-incidents', 'notification-routing']) {
      await northwind.get(`/engagements/${sakura}/${path}`).expect(404);
    }
  });

  it('an analyst records a past incident and the report shows it', async () => {
    const agent = portalAgent(t);
    await signIn(agent, 'analyst@mdr.example');
    const page = await agent.get(`/engagements/${sakura}/past-incidents`).expect(200);
    await agent
      .post(`/engagements/${sakura}/past-incidents`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(page.text),
        title: 'Emotet 2023',
        occurredOn: '2023-05-01',
        technique: 'phishing macro',
        description: 'Macro dropper',
        indicators: 'domain c2.evil.example\nprocess_name winword.exe',
      })
      .expect(303);
    const report = await agent.get(`/engagements/${sakura}/past-incidents`).expect(200);
    expect(report.text).toContain('Emotet 2023');
    expect(report.text).toContain('protection-incident--not_stopped');
    const bad = await agent
      .post(`/engagements/${sakura}/past-incidents`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(report.text),
        title: 'x',
        occurredOn: '2023-05-01',
        technique: 'x',
        description: '',
        indicators: 'md5 zz',
      })
      .expect(400);
    expect(bad.text).toContain('indicators[0].value');
  });

  it('the security lead sets routing: the secret is shown once, then never', async () => {
    const agent = portalAgent(t);
    await signIn(agent, 'security@sakura.example');
    const page = await agent.get(`/engagements/${sakura}/notification-routing`).expect(200);
    const first = await agent
      .post(`/engagements/${sakura}/notification-routing`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), mode: 'per_country' })
      .expect(200);
    const secret = /<code class="protection-secret">([^<]+)<\/code>/.exec(
      first.text,
    )?.[1] as string;
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    const again = await agent.get(`/engagements/${sakura}/notification-routing`).expect(200);
    expect(again.text).not.toContain(secret);
    expect(again.text).toMatch(/data-country="DE"[\s\S]*?本社（代替）/);
    const it = portalAgent(t);
    await signIn(it, 'it-jp@sakura.example');
    const itPage = await it.get(`/engagements/${sakura}/notification-routing`).expect(200);
    expect(itPage.text).not.toContain('name="mode"');
    await it
      .post(`/engagements/${sakura}/notification-routing`)
      .type('form')
      .send({ _csrf: csrfTokenIn(itPage.text), mode: 'headquarters_first' })
      .expect(403);
  });

  it('links the onboarding step cards to the pages', async () => {
    const tokens = new Tokens(t);
    const created = await t
      .http()
      .post('/api/onboardings')
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({
        engagementId: sakura,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-06-01',
      })
      .expect(201);
    const agent = portalAgent(t);
    await signIn(agent, 'analyst@mdr.example');
    const page = await agent.get(`/onboardings/${created.body.id}`).expect(200);
    for (const path of ['block-list', 'past-incidents', 'notification-routing']) {
      expect(page.text).toContain(
        `href="/engagements/${sakura}/${path}" data-testid="feature-link"`,
      );
    }
  });
});
