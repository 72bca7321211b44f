import { createAgreementObjects, providerIdOf } from '../agreements/support/agreements-driver';
import { sakuraEngagementId, StepJson, Tokens } from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import {
  csrfFrom,
  csrfTokenIn,
  hiddenFieldsOf,
  htmlLangOf,
  PortalAgent,
  portalAgent,
  signIn,
  textOf,
} from './portal-client';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

// The onboarding pages through the real app: forms with CSRF, 303s with translated messages,
// the gate in words, the steps and the home page's "waiting on you" list, all tenant-scoped.
/** The expected version a page's form for that step carries. */
function versionIn(page: string, stepKey: string): string {
  const form = new RegExp(
    `action="[^"]*/steps/${stepKey}/complete"[\\s\\S]*?name="expectedVersion" value="(\\d+)"`,
  ).exec(page);
  if (!form) throw new Error(`No complete form for ${stepKey} on the page`);
  return form[1];
}

describe('onboarding pages', () => {
  let test: TestApp;
  let tokens: Tokens;
  let lead: PortalAgent;
  let customer: PortalAgent;
  let onboardingId: string;

  /** The steps as the JSON API shows them to the provider lead. */
  async function apiSteps(): Promise<StepJson[]> {
    const detail = await test
      .http()
      .get(`/api/onboardings/${onboardingId}`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    return (detail.body as { steps: StepJson[] }).steps;
  }

  async function stateOf(key: string): Promise<string> {
    return (await apiSteps()).find((s) => s.key === key)?.state ?? 'missing';
  }

  /**
   * Submits the form that posts to `action` on `page` as a browser would (its hidden fields
   * plus `fields`) and follows the 303; returns the page it lands on.
   */
  async function submit(
    agent: PortalAgent,
    page: string,
    action: string,
    fields: Record<string, string> = {},
    expectedLocation?: string,
  ): Promise<string> {
    const html = (await agent.get(page).expect(200)).text;
    const hidden = hiddenFieldsOf(html, action);
    if (!hidden) throw new Error(`No form posting to ${action} on ${page}`);
    const response = await agent
      .post(action)
      .type('form')
      .send({ ...hidden, ...fields })
      .expect(303);
    const location = response.headers.location as string;
    if (expectedLocation !== undefined) expect(location).toBe(expectedLocation);
    return (await agent.get(location).expect(200)).text;
  }

  const stepPath = (key: string, action: string): string =>
    `/onboardings/${onboardingId}/steps/${key}/${action}`;
  const proposePath = (key: string): string =>
    `/onboardings/${onboardingId}/steps/${key}/proposals`;
  const proposalPage = (key: string, version: number): string => `${proposePath(key)}/${version}`;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    tokens = new Tokens(test);
    lead = portalAgent(test);
    await signIn(lead, 'lead@mdr.example');
    customer = portalAgent(test);
    await signIn(customer, 'security@sakura.example');
    // The provider's catalogue and a proposed agreement: the provider-requirements check passes.
    await createAgreementObjects(test, {
      engagementId: await sakuraEngagementId(test, tokens),
      providerId: await providerIdOf(test),
      providerLead: 'lead@mdr.example',
      emailDomain: 'sakura.example',
      password: TEST_PASSWORD,
    });
  });

  afterAll(async () => {
    await test?.close();
  });

  it('links the onboardings from the navigation and offers the provider lead the start form', async () => {
    const home = await lead.get('/').expect(200);
    expect(home.text).toContain('<a class="site-nav__link" href="/onboardings">Onboardings</a>');
    const page = await lead.get('/onboardings').expect(200);
    expect(page.text).toContain('href="/onboardings" aria-current="page"');
    expect(page.text).toContain('No onboarding has been started yet.');
    expect(page.text).toContain('data-testid="create-onboarding"');
    expect(page.text).toContain('<legend class="fieldset__legend">New onboarding</legend>');
    expect(page.text).toContain('<label class="field__label" for="plannedStartDate">');
    expect(page.text).toMatch(
      /<option value="[^"]+">Sakura Manufacturing MDR \(Sakura Manufacturing\)<\/option>/,
    );
    expect(page.text).toContain(
      '<option value="edr-mdr-onboarding">EDR/MDR onboarding (standard)</option>',
    );
    expect(page.text).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);

    // Analysts and customers see the list, not the form.
    const analyst = portalAgent(test);
    await signIn(analyst, 'analyst@mdr.example');
    expect((await analyst.get('/onboardings').expect(200)).text).not.toContain('create-onboarding');
    expect((await customer.get('/onboardings').expect(200)).text).not.toContain(
      'create-onboarding',
    );
  });

  it('refuses a bad planned start with a message on the page, not an error page', async () => {
    const engagementId = await sakuraEngagementId(test, tokens);
    const token = await csrfFrom(lead, '/onboardings');
    const response = await lead
      .post('/onboardings')
      .type('form')
      .send({
        _csrf: token,
        engagementId,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-02-30',
      })
      .expect(303)
      .expect('location', '/onboardings');
    expect(response.headers.location).toBe('/onboardings');
    const page = await lead.get('/onboardings').expect(200);
    expect(textOf(page.text)).toContain(
      'Enter the planned service start as a date, for example 2027-06-01.',
    );
    expect(page.text).toContain('role="alert"');
    // Shown once.
    expect((await lead.get('/onboardings').expect(200)).text).not.toContain('data-testid="flash"');
  });

  it('lets the provider lead start an onboarding from the form', async () => {
    const engagementId = await sakuraEngagementId(test, tokens);
    const token = await csrfFrom(lead, '/onboardings');
    const response = await lead
      .post('/onboardings')
      .type('form')
      .send({
        _csrf: token,
        engagementId,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-06-01',
      })
      .expect(303);
    const location = response.headers.location as string;
    expect(location).toMatch(new RegExp(`^/onboardings/${UUID.source}$`));
    onboardingId = location.split('/')[2];
    const page = await lead.get(location).expect(200);
    expect(textOf(page.text)).toContain('The onboarding has started. Its first steps are open.');
    expect(page.text).toContain(
      '<title>Onboarding of Sakura Manufacturing · MDR Onboarding Portal</title>',
    );

    const list = await lead.get('/onboardings').expect(200);
    expect(list.text).toContain(`<a href="/onboardings/${onboardingId}">Sakura Manufacturing</a>`);
    expect(textOf(list.text)).toMatch(/0 of \d+ required steps done/);
    // Sakura has one now, so the form offers only Northwind.
    expect(list.text).not.toContain('Sakura Manufacturing MDR (Sakura Manufacturing)</option>');
    expect(list.text).toContain('Northwind Retail MDR (Northwind Retail)</option>');

    // A second one for the same engagement is refused with a message.
    const again = await lead
      .post('/onboardings')
      .type('form')
      .send({
        _csrf: csrfTokenIn(list.text),
        engagementId,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-07-01',
      })
      .expect(303)
      .expect('location', '/onboardings');
    expect(again.status).toBe(303);
    expect(textOf((await lead.get('/onboardings')).text)).toContain(
      'This engagement already has an onboarding in progress.',
    );
  });

  it('shows the header, the phases, the blockers in words and no start button while not ready', async () => {
    const gate = await test
      .http()
      .get(`/api/onboardings/${onboardingId}/gate`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    const blockers = (gate.body as { blockers: { state: string }[] }).blockers;
    const blocked = blockers.filter((b) => b.state === 'blocked').length;

    const page = await lead.get(`/onboardings/${onboardingId}`).expect(200);
    const text = textOf(page.text);
    expect(page.text).toContain('<h1 id="page-title">Sakura Manufacturing</h1>');
    expect(text).toContain('MDR provider Example MDR');
    expect(text).toContain('Template EDR/MDR onboarding (standard)');
    expect(text).toContain('Planned service start 1 Jun 2027');
    expect(text).toContain('Status In progress');
    expect(text).toContain('Current phase Introduction');

    expect(text).toContain(
      `The service cannot start yet: ${blockers.length} required steps are not complete.`,
    );
    expect(text).toContain(
      'Open now (2): Define the MDR service requirements, Import the endpoint inventory.',
    );
    expect(text).toContain(`Waiting for other steps to finish first: ${blocked}.`);
    expect(page.text.match(/data-testid="blocker"/g)).toHaveLength(blockers.length);
    // Who is waited on, by name, and why, in words.
    expect(text).toContain('Country IT staff at Sakura Manufacturing');
    expect(text).toContain('王 伟, 鈴木 一郎');
    expect(text).toContain('Waiting for: Define the MDR service requirements.');
    expect(page.text).not.toContain('data-testid="start-service"');
    expect(page.text).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);

    // Phases with their progress bars, steps grouped under each phase.
    expect(page.text.match(/data-testid="phase"/g)).toHaveLength(3);
    expect(page.text).toMatch(/<progress class="progress" max="\d+" value="0" aria-hidden="true">/);
    expect(text).toContain('Steps: Introduction');
    expect(text).toContain('Steps: Pre-production');
    expect(page.text).toContain('id="step-mdr_requirements_defined"');
    // The lead acts on nothing yet: no complete button for the customer's steps.
    expect(page.text).not.toContain(`action="${stepPath('mdr_requirements_defined', 'complete')}"`);
    // History: the creation.
    expect(text).toContain('Onboarding created');
    expect(text).toContain('by Morgan Lead');

    // The server refuses the start too, saying why.
    const token = csrfTokenIn(page.text);
    await lead
      .post(`/onboardings/${onboardingId}/start`)
      .type('form')
      .send({ _csrf: token })
      .expect(303)
      .expect('location', `/onboardings/${onboardingId}`);
    const after = textOf((await lead.get(`/onboardings/${onboardingId}`)).text);
    expect(after).toContain(
      `The service cannot start yet: ${blockers.length} required steps are not complete.`,
    );
    expect(after).toContain('Start refused');
  });

  it('lets the customer complete and approve through the forms, in Japanese', async () => {
    const path = `/onboardings/${onboardingId}`;
    const page = await customer.get(path).expect(200);
    expect(htmlLangOf(page.text)).toBe('ja');
    expect(textOf(page.text)).toContain('サービスはまだ開始できません：必須ステップのうち');
    expect(page.text).not.toContain('data-testid="start-service"');

    let landed = await submit(
      customer,
      path,
      stepPath('mdr_requirements_defined', 'complete'),
      {},
      path,
    );
    expect(textOf(landed)).toContain('「MDRサービス要件の整理」を完了にしました。');
    expect(landed).toMatch(
      /id="step-mdr_requirements_defined"[\s\S]*?data-testid="step-state">完了</,
    );
    expect(await stateOf('mdr_requirements_defined')).toBe('done');

    // The check it unblocked is automatic: the catalogue meets the agreement, so it passed in
    // that same transaction and nobody is offered a form to complete it.
    expect(await stateOf('provider_requirements_check')).toBe('done');
    const leadView = await lead.get(path).expect(200);
    expect(leadView.text).not.toContain(
      `action="${stepPath('provider_requirements_check', 'complete')}"`,
    );
    // The language is decided in the agreement: no form for it here.
    const decided = await customer.get(path).expect(200);
    expect(decided.text).not.toContain(`action="${stepPath('communication_language', 'approve')}"`);

    // Country IT records the inventory and bandwidth (API); the lead proposes the update policy.
    for (const key of ['endpoint_inventory', 'bandwidth_survey']) {
      await test
        .http()
        .post(`/api/onboardings/${onboardingId}/steps/${key}/complete`)
        .set('Authorization', await tokens.for('it-cn@sakura.example'))
        .send({})
        .expect(200);
    }
    // The lead proposes the current plan: a button and a note; no content to write.
    const leadPage = (await lead.get(path).expect(200)).text;
    expect(leadPage).toContain('data-testid="propose-snapshot"');
    expect(leadPage).not.toMatch(/name="content"/);
    landed = await submit(lead, path, proposePath('update_policy'), {
      note: 'Automatic updates; at most 50 at once per site <b>off-peak</b>',
    });
    expect(textOf(landed)).toContain(
      'Version 1 of the proposal for “Approve the sensor update policy” has been submitted.',
    );

    // The customer's card shows the proposal, escaped, and leads to its page; no approve button here.
    const review = await customer.get(path).expect(200);
    expect(review.text).toContain('at most 50 at once per site &lt;b&gt;off-peak&lt;/b&gt;');
    expect(textOf(review.text)).toContain('提案 第 1 版');
    expect(review.text).toContain(
      `href="${proposalPage('update_policy', 1)}" data-testid="decide-link"`,
    );
    expect(review.text).not.toContain(`action="${stepPath('update_policy', 'approve')}"`);
    // The proposal's page: the document in Japanese, then the approval of exactly that version.
    const proposal = await customer.get(proposalPage('update_policy', 1)).expect(200);
    expect(textOf(proposal.text)).toContain('センサーのアップデートポリシー（第1版）');
    expect(textOf(proposal.text)).toContain(
      'これまでに承認された版はありません。初めて承認する版です。',
    );
    landed = await submit(
      customer,
      proposalPage('update_policy', 1),
      stepPath('update_policy', 'approve'),
    );
    expect(textOf(landed)).toContain('「センサーアップデート方針の承認」を承認しました。');
    expect(await stateOf('update_policy')).toBe('done');
    const history = textOf(landed);
    expect(history).toContain('承認');
    expect(history).toContain('実行者：佐藤 花子');
  });

  it('shows what changed after an approval, and the validation message for a reject without a reason', async () => {
    const path = `/onboardings/${onboardingId}`;
    // A new group changes the update policy the customer approved: stale, saying what changed.
    const engagementId = await sakuraEngagementId(test, tokens);
    await test
      .http()
      .post(`/api/engagements/${engagementId}/groups`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({ name: 'Office', kind: 'production', priority: 10, rule: {} })
      .expect(201);
    expect(await stateOf('update_policy')).toBe('stale');
    expect(textOf((await customer.get(path).expect(200)).text)).toContain(
      '承認済みの内容が変更されました：グループ「Office」（追加）。新しい提案と承認が必要です。',
    );
    let landed = await submit(lead, path, proposePath('update_policy'), {});
    expect(textOf(landed)).toContain('Version 2 of the proposal');
    // Version 2's page compares it with the approved version 1 and marks the new row.
    const proposal = await customer.get(proposalPage('update_policy', 2)).expect(200);
    expect(textOf(proposal.text)).toContain('承認済みの第1版からの変更点');
    expect(proposal.text).toContain('data-testid="proposal-row-added"');
    expect(textOf(proposal.text)).toContain('追加 グループ「Office」');

    landed = await submit(
      customer,
      proposalPage('update_policy', 2),
      stepPath('update_policy', 'reject'),
      {
        reason: '  ',
      },
    );
    expect(textOf(landed)).toContain(
      '「センサーアップデート方針の承認」を却下するには、理由を 3 文字以上入力してください。',
    );
    expect(landed).toContain('role="alert"');
    expect(await stateOf('update_policy')).toBe('stale');

    landed = await submit(
      customer,
      proposalPage('update_policy', 2),
      stepPath('update_policy', 'reject'),
      {
        reason: '月額料金の内訳を明記してください',
      },
    );
    expect(textOf(landed)).toContain('「センサーアップデート方針の承認」を却下しました。');
    expect(await stateOf('update_policy')).toBe('rejected');
    expect(textOf(landed)).toContain('却下されました（月額料金の内訳を明記してください）。');
    expect(textOf(landed)).toContain('理由: 月額料金の内訳を明記してください');
  });

  it('answers a refused action with a translated message on the page, never an error page', async () => {
    const path = `/onboardings/${onboardingId}`;
    const token = csrfTokenIn((await customer.get(path)).text);
    // Not the customer's to complete (it is for country IT).
    await customer
      .post(stepPath('endpoint_inventory', 'complete'))
      .type('form')
      .send({ _csrf: token })
      .expect(303)
      .expect('location', path);
    expect(textOf((await customer.get(path)).text)).toContain(
      '「端末インベントリの取り込み」を完了する権限がありません。',
    );
    // Already done: the state says why.
    await customer
      .post(stepPath('mdr_requirements_defined', 'complete'))
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    expect(textOf((await customer.get(path)).text)).toContain(
      '「MDRサービス要件の整理」は現在「完了」のため、完了できません。',
    );
    // Without a CSRF token: the 403 page.
    await customer
      .post(stepPath('mdr_requirements_defined', 'complete'))
      .type('form')
      .send({})
      .expect(403);
    // Unknown action or step key: 404 page.
    await customer
      .post(stepPath('mdr_requirements_defined', 'delete'))
      .type('form')
      .send({ _csrf: token })
      .expect(404);
  });

  it("answers Northwind's lead with the 404 page for Sakura's onboarding", async () => {
    const northwind = portalAgent(test);
    await signIn(northwind, 'security@northwind.example');
    const page = await northwind.get(`/onboardings/${onboardingId}`).expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('data-testid="error-page"');
    expect(page.text).not.toContain('Sakura');
    const token = csrfTokenIn(page.text);
    await northwind
      .post(stepPath('mdr_requirements_defined', 'reopen'))
      .type('form')
      .send({ _csrf: token, reason: 'not mine' })
      .expect(404);
    await northwind
      .post(`/onboardings/${onboardingId}/start`)
      .type('form')
      .send({ _csrf: token })
      .expect(404);
    await northwind.get('/onboardings/not-a-uuid').expect(404);
    const list = await northwind.get('/onboardings').expect(200);
    expect(list.text).not.toContain('Sakura');
    expect(await stateOf('mdr_requirements_defined')).toBe('done');
  });

  it("lists on a customer's home what waits on them, with buttons to act", async () => {
    const itStaff = portalAgent(test);
    await signIn(itStaff, 'it-jp@sakura.example');
    const before = (await itStaff.get('/').expect(200)).text;
    expect(before).toContain('data-testid="waiting-on-you"');
    expect(before).toMatch(/data-testid="waiting-item" data-step="existing_security_products"/);
    expect(textOf(before)).toContain('既存セキュリティ製品の把握');
    // The engagement shows its onboarding's progress and a link to it.
    expect(before).toContain(`href="/onboardings/${onboardingId}"`);
    expect(textOf(before)).toMatch(/必須ステップ \d+ 件中 \d+ 件完了/);

    const home = await submit(
      itStaff,
      '/',
      stepPath('existing_security_products', 'complete'),
      {},
      '/',
    );
    expect(textOf(home)).toContain('「既存セキュリティ製品の把握」を完了にしました。');
    expect(home).not.toMatch(/data-testid="waiting-item" data-step="existing_security_products"/);
    expect(await stateOf('existing_security_products')).toBe('done');

    // A form from before the step last changed (the page loaded before it was completed): the
    // page says someone else changed it, and nothing is done twice.
    await itStaff
      .post(stepPath('existing_security_products', 'complete'))
      .type('form')
      .send({
        _csrf: csrfTokenIn(before),
        expectedVersion: versionIn(before, 'existing_security_products'),
        returnTo: '/',
      })
      .expect(303)
      .expect('location', '/');
    expect(textOf((await itStaff.get('/')).text)).toContain(
      'ページを開いた後に、ほかの人が「既存セキュリティ製品の把握」を変更しました。',
    );
    expect(await stateOf('existing_security_products')).toBe('done');

    // A proposal waits for the customer: the list links to its page rather than approving blind.
    await test
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/unsupported_os_decisions/proposals`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({})
      .expect(201);
    const customerHome = (await customer.get('/').expect(200)).text;
    expect(customerHome).toMatch(/data-testid="waiting-item" data-step="unsupported_os_decisions"/);
    expect(customerHome).toContain(
      `href="${proposalPage('unsupported_os_decisions', 1)}" data-testid="waiting-place"`,
    );
    expect(customerHome).not.toContain(
      `action="${stepPath('unsupported_os_decisions', 'approve')}"`,
    );

    // The provider lead is waited on for the rejected update policy's revision.
    const leadHome = await lead.get('/').expect(200);
    expect(leadHome.text).toMatch(/data-testid="waiting-item" data-step="update_policy"/);
    expect(textOf(leadHome.text)).toContain('Write the proposal');

    // Northwind's customer: nothing waits, no Sakura data.
    const northwind = portalAgent(test);
    await signIn(northwind, 'security@northwind.example');
    const other = await northwind.get('/').expect(200);
    expect(other.text).toContain('Nothing is waiting on you right now.');
    expect(other.text).not.toContain('Sakura');
  });

  it("shows proposals as documents, never JSON, and another tenant's proposal as the 404 page", async () => {
    for (const version of [1, 2]) {
      const page = (await customer.get(proposalPage('update_policy', version)).expect(200)).text;
      expect(page).toContain('data-testid="proposal-section"');
      expect(page).not.toMatch(/\{&quot;|&quot;configuration|"configuration"|proposal__json/);
    }
    const northwind = portalAgent(test);
    await signIn(northwind, 'security@northwind.example');
    const other = await northwind.get(proposalPage('update_policy', 1)).expect(404);
    expect(other.text).toContain('data-testid="error-page"');
    expect(other.text).not.toContain('Sakura');
    await northwind
      .post(proposePath('update_policy'))
      .type('form')
      .send({ _csrf: csrfTokenIn(other.text) })
      .expect(404);
    // The customer is not the proposer: a translated refusal, no new version.
    const path = `/onboardings/${onboardingId}`;
    const token = csrfTokenIn((await customer.get(path)).text);
    await customer
      .post(proposePath('update_policy'))
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    expect(textOf((await customer.get(path)).text)).toContain(
      '「センサーアップデート方針の承認」を提案する権限がありません。',
    );
  });

  it('redirects to the login without a session', async () => {
    await test.http().get('/onboardings').expect(302).expect('location', '/login');
    await test.http().get(`/onboardings/${onboardingId}`).expect(302).expect('location', '/login');
  });
});
