// date-sensitive: classification shown on the inventory pages (run again with the real time moved ahead: scripts/test-time-shift.sh)
import {
  createSakuraOnboarding,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, SAMPLE_ROWS } from '../rollout/support/inventory-csv';
import { csrfTokenIn, PortalAgent, portalAgent, signIn, textOf } from './portal-client';

describe('portal: endpoint inventory, unsupported OS decisions, existing security products', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakura: string;
  let onboardingId: string;
  const agents = new Map<string, PortalAgent>();

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakura = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/endpoint_inventory/complete`)
      .set('Authorization', await tokens.for('it-jp@sakura.example'))
      .send({})
      .expect(200);
  });
  afterAll(() => t.close());

  const as = async (email: string): Promise<PortalAgent> => {
    if (!agents.has(email)) {
      const agent = portalAgent(t);
      await signIn(agent, email);
      agents.set(email, agent);
    }
    return agents.get(email) as PortalAgent;
  };
  const page = (path = '') => `/engagements/${sakura}/inventory${path}`;
  const endpointCount = async (): Promise<number> =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM endpoint WHERE engagement_id = $1`, [
        sakura,
      ])
    )[0].n;
  const checkStep = async (): Promise<string> =>
    (await steps(t, tokens, onboardingId)).find((s) => s.key === 'unsupported_os_decisions')
      ?.state as string;

  /** Posts the upload form as a browser does: the hidden token and the checkbox come before the file. */
  const uploadForm = (
    agent: PortalAgent,
    token: string | null,
    body: string,
    skipInvalid = false,
  ) => {
    let request = agent.post(page('/import'));
    if (token !== null) request = request.field('_csrf', token);
    if (skipInvalid) request = request.field('skipInvalid', 'true');
    return request.attach('file', Buffer.from(body, 'utf8'), {
      filename: 'endpoints.csv',
      contentType: 'text/csv',
    });
  };

  it('refuses an upload without a CSRF token, or with the token after the file', async () => {
    const agent = await as('it-jp@sakura.example');
    await uploadForm(agent, null, csv(SAMPLE_ROWS)).expect(403);
    const token = csrfTokenIn((await agent.get(page()).expect(200)).text);
    await uploadForm(agent, 'forged-token', csv(SAMPLE_ROWS)).expect(403);
    await agent
      .post(page('/import'))
      .attach('file', Buffer.from(csv(SAMPLE_ROWS)), 'endpoints.csv')
      .field('_csrf', token)
      .expect(403);
    expect(await endpointCount()).toBe(0);
  });

  it('an upload with bad rows imports nothing and lists them with their lines, in the page language', async () => {
    const agent = await as('it-jp@sakura.example');
    const token = csrfTokenIn((await agent.get(page()).expect(200)).text);
    const body = csv([
      ...SAMPLE_ROWS,
      'bad-1,desktop,windows,10.0.26100,,Tokyo,JP,,',
      'bad-2,client,windows,10.0.26100,,Tokyo,XX,,',
    ]);
    const refused = await uploadForm(agent, token, body).expect(400);
    expect(refused.text).toContain('data-testid="import-rejected"');
    expect(refused.text).toMatch(
      /<tr data-line="9"><td>9<\/td><td>type「desktop」は client, server のいずれかにしてください<\/td><\/tr>/,
    );
    expect(refused.text).toMatch(
      /<tr data-line="10"><td>10<\/td><td>country「XX」は ISO 3166-1 alpha-2 のコードではありません<\/td><\/tr>/,
    );
    expect(await endpointCount()).toBe(0);

    const imported = await uploadForm(agent, csrfTokenIn(refused.text), body, true).expect(200);
    expect(textOf(imported.text)).toContain(
      '9 行から 7 台を取り込みました：新規 7、更新 0、変更なし 0。',
    );
    expect(textOf(imported.text)).toContain('誤りのある 2 行を飛ばしました。');
    expect(imported.text).toContain('data-line="9"');
    expect(await endpointCount()).toBe(7);
    // The chart is drawn from the new inventory, beside the table.
    expect(imported.text).toMatch(
      /<svg [^>]*role="img"[^>]*aria-label="OSファミリー別のサポート状況\. Windows: サポート対象 2, まもなくサポート終了 0, サポート終了 1, サポート対象外 1/,
    );
    expect(imported.text).toContain('data-hostname="tky-srv-001"');
  });

  it('filters the list through the GET form and ignores values it does not know', async () => {
    const agent = await as('analyst@mdr.example');
    const hosts = async (query: string): Promise<string[]> =>
      [
        ...(await agent.get(page(query)).expect(200)).text.matchAll(
          /data-testid="endpoint-row" data-hostname="([^"]+)"/g,
        ),
      ].map((m) => m[1]);
    expect(await hosts('')).toHaveLength(7);
    expect(await hosts('?osFamily=linux')).toEqual(['sh-srv-001', 'sh-srv-002']);
    expect(await hosts('?country=JP&type=server')).toEqual(['osk-srv-002', 'tky-srv-001']);
    expect(await hosts('?supportStatus=eol')).toEqual(['tky-srv-001']);
    expect(await hosts('?q=TKY-PC')).toEqual(['tky-pc-001', 'tky-pc-002']);
    expect(await hosts(`?site=${encodeURIComponent('上海工厂')}&osFamily=macos`)).toEqual([
      'sh-mac-001',
    ]);
    expect(await hosts('?osFamily=solaris&supportStatus=%3Cb%3E')).toHaveLength(7);
    const filtered = await agent.get(page('?osFamily=linux')).expect(200);
    expect(filtered.text).toContain('<option value="linux" selected>');
    expect(textOf(filtered.text)).toContain(
      'Debian 10: the Example EDR sensor does not support it',
    );
  });

  it('renders for every role of the engagement; only editors get the upload and classify forms', async () => {
    for (const email of [
      'security@sakura.example',
      'it-jp@sakura.example',
      'lead@mdr.example',
      'analyst@mdr.example',
      'am@mdr.example',
    ]) {
      const agent = await as(email);
      const inventory = await agent.get(page()).expect(200);
      const editor = email !== 'am@mdr.example';
      expect([email, inventory.text.includes('data-testid="upload-form"')]).toEqual([
        email,
        editor,
      ]);
      expect(inventory.text).toContain('data-testid="support-chart"');
      await agent.get(page('/decisions')).expect(200);
      const products = await agent.get(page('/products')).expect(200);
      expect([email, products.text.includes(`action="${page('/products/plan')}"`)]).toEqual([
        email,
        editor,
      ]);
    }
    const am = await as('am@mdr.example');
    const token = csrfTokenIn((await am.get(page()).expect(200)).text);
    await am.post(page('/classify')).type('form').send({ _csrf: token }).expect(403);
  });

  it('re-classifies through the button and says how many changed', async () => {
    const agent = await as('lead@mdr.example');
    const token = csrfTokenIn((await agent.get(page()).expect(200)).text);
    await agent.post(page('/classify')).type('form').send({}).expect(403);
    const done = await agent
      .post(page('/classify'))
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    expect(done.headers.location).toBe(`${page()}?done=classified&endpoints=7&changed=0`);
    const after = await agent.get(done.headers.location).expect(200);
    expect(textOf(after.text)).toContain('7 endpoints classified as of today; 0 changed.');
  });

  it('decisions proposed and approved through the forms complete the set, which the provider then proposes for approval', async () => {
    expect(await checkStep()).toBe('open');
    const analyst = await as('analyst@mdr.example');
    const decisions = await analyst.get(page('/decisions')).expect(200);
    expect(decisions.text).toContain('data-testid="check-reasons"');
    const needing = [
      ...decisions.text.matchAll(/data-testid="needing-row" data-hostname="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(needing).toEqual(['sh-srv-002', 'tky-pc-002', 'tky-srv-001']);
    const idOf = (hostname: string): string =>
      new RegExp(
        `data-hostname="${hostname}">\\s*<td><input type="checkbox" form="decision-form" name="endpointIds" value="([^"]+)"`,
      ).exec(decisions.text)?.[1] as string;
    const token = csrfTokenIn(decisions.text);
    // Nothing checked: refused, what was typed comes back.
    const none = await analyst
      .post(page('/decisions'))
      .type('form')
      .send({ _csrf: token, target: 'selected', kind: 'exclude', note: 'kept' })
      .expect(400);
    expect(none.text).toContain('data-testid="inventory-problem"');
    expect(textOf(none.text)).toContain('check at least one endpoint in the list');
    await analyst
      .post(page('/decisions'))
      .type('form')
      .send({
        _csrf: token,
        target: 'selected',
        kind: 'accept_risk',
        note: 'Isolated VLAN',
        endpointIds: [idOf('sh-srv-002'), idOf('tky-pc-002')],
      })
      .expect(303)
      .expect('location', `${page('/decisions')}?done=proposed`);
    await analyst
      .post(page('/decisions'))
      .type('form')
      .send({
        _csrf: token,
        target: 'filter',
        kind: 'upgrade',
        upgradeBy: '2027-03-31',
        osFamily: 'windows',
        supportStatus: 'eol',
      })
      .expect(303);
    expect(await checkStep()).toBe('open');
    // The customer's IT staff read but do not decide.
    const it = await as('it-jp@sakura.example');
    const itPage = await it.get(page('/decisions')).expect(200);
    expect(itPage.text).toContain('data-testid="read-only"');
    await it
      .post(page('/decisions'))
      .type('form')
      .send({ _csrf: csrfTokenIn(itPage.text), target: 'filter', kind: 'exclude' })
      .expect(403);

    const security = await as('security@sakura.example');
    const review = await security.get(page('/decisions')).expect(200);
    const approveActions = [...review.text.matchAll(/action="([^"]+\/approve)"/g)].map((m) => m[1]);
    expect(approveActions).toHaveLength(2);
    const analystApprove = await analyst
      .post(approveActions[0])
      .type('form')
      .send({ _csrf: token })
      .expect(403);
    expect(analystApprove.text).toContain('data-testid="inventory-problem"');
    for (const action of approveActions) {
      await security
        .post(action)
        .type('form')
        .send({ _csrf: csrfTokenIn(review.text) })
        .expect(303)
        .expect('location', `${page('/decisions')}?done=approved`);
    }
    const after = await security.get(page('/decisions')).expect(200);
    expect(after.text).toContain('data-testid="check-passes"');
    // Every endpoint is decided: the set can be proposed, and the security lead approves it.
    expect(await checkStep()).toBe('open');
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/unsupported_os_decisions/proposals`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({})
      .expect(201);
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/unsupported_os_decisions/approve`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .send({})
      .expect(200);
    expect(await checkStep()).toBe('done');
    expect(after.text.match(/data-testid="decision-row" data-status="approved"/g)).toHaveLength(2);
    await security
      .post(approveActions[0])
      .type('form')
      .send({ _csrf: csrfTokenIn(after.text) })
      .expect(409);
  });

  it('the security lead rejects a proposal with a reason, shown in the list', async () => {
    const lead = await as('lead@mdr.example');
    const form = await lead.get(page('/decisions')).expect(200);
    await lead
      .post(page('/decisions'))
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), target: 'filter', kind: 'exclude', osFamily: 'linux' })
      .expect(303);
    const security = await as('security@sakura.example');
    const review = await security.get(page('/decisions')).expect(200);
    const reject = /action="([^"]+\/reject)"/.exec(review.text)?.[1] as string;
    await security
      .post(reject)
      .type('form')
      .send({ _csrf: csrfTokenIn(review.text), reason: '' })
      .expect(400);
    await security
      .post(reject)
      .type('form')
      .send({ _csrf: csrfTokenIn(review.text), reason: 'Upgrade it instead' })
      .expect(303);
    const after = await security.get(page('/decisions')).expect(200);
    expect(textOf(after.text)).toContain('却下：Upgrade it instead');
  });

  it('saves a product plan through the form; removal without a phase is refused', async () => {
    const agent = await as('lead@mdr.example');
    const products = await agent.get(page('/products')).expect(200);
    expect(
      [...products.text.matchAll(/data-testid="product" data-product="([^"]+)"/g)].map((m) => m[1]),
    ).toEqual(['Legacy AV 12', 'Other AV']);
    const token = csrfTokenIn(products.text);
    const bad = await agent
      .post(page('/products/plan'))
      .type('form')
      .send({
        _csrf: token,
        product: 'Other AV',
        action: 'remove',
        removePhase: '',
        quarantines: 'yes',
        note: 'typed',
      })
      .expect(400);
    expect(textOf(bad.text)).toContain('removal needs the phase it happens in');
    expect(bad.text).toContain('>typed</textarea>');
    await agent
      .post(page('/products/plan'))
      .type('form')
      .send({
        _csrf: token,
        product: 'Other AV',
        action: 'remove',
        removePhase: 'pre_production',
        quarantines: 'yes',
        note: '',
      })
      .expect(303)
      .expect('location', `${page('/products')}?done=planSaved`);
    const plans = await t
      .http()
      .get(`/api/engagements/${sakura}/security-products`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    expect(
      plans.body.find((p: { product: string }) => p.product === 'Other AV').plan,
    ).toMatchObject({ action: 'remove', removePhase: 'pre_production', quarantines: true });
    const after = await agent.get(page('/products?done=planSaved')).expect(200);
    expect(textOf(after.text)).toContain(
      'Current plan: Remove, removed in the Pre-production phase',
    );
    expect(after.text).toContain('data-testid="inventory-notice"');
  });

  it('answers 404 to another tenant, for every page and form', async () => {
    const northwind = await as('security@northwind.example');
    const token = csrfTokenIn((await northwind.get('/').expect(200)).text);
    for (const path of ['', '/decisions', '/products']) await northwind.get(page(path)).expect(404);
    await northwind.post(page('/classify')).type('form').send({ _csrf: token }).expect(404);
    await northwind
      .post(page('/products/plan'))
      .type('form')
      .send({ _csrf: token, product: 'Other AV', action: 'coexist', quarantines: 'no' })
      .expect(404);
    await northwind
      .post(page('/decisions'))
      .type('form')
      .send({ _csrf: token, target: 'filter', kind: 'exclude' })
      .expect(404);
    await uploadForm(northwind, token, csv(['nw-1,client,windows,10.0.26100,,NY,US,,'])).expect(
      404,
    );
    await northwind.get('/engagements/not-a-uuid/inventory').expect(404);
    expect(await endpointCount()).toBe(7);
  });

  it('links the onboarding step cards to the pages', async () => {
    const agent = await as('analyst@mdr.example');
    const onboarding = await agent.get(`/onboardings/${onboardingId}`).expect(200);
    for (const path of ['', '/decisions', '/products']) {
      expect(onboarding.text).toContain(`href="${page(path)}" data-testid="feature-link"`);
    }
  });
});
