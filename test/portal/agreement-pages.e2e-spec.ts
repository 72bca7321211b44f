import { providerIdOf } from '../agreements/support/agreements-driver';
import { sampleAgreement, sampleCatalogue } from '../agreements/support/fixtures';
import { createSakuraOnboarding, sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { hiddenFieldsOf, PortalAgent, portalAgent, signIn, textOf } from './portal-client';

/** What a textarea shows of `text` (Handlebars escapes it). */
function escaped(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
    .replace(/=/g, '&#x3D;')
    .replace(/`/g, '&#x60;');
}

// The engagement's documents page through the real app: provider staff edit the agreement as
// JSON and propose it, the customer's security lead compares and approves or rejects, all with
// CSRF, 303s and translated messages, tenant-scoped.
describe('agreement pages', () => {
  let test: TestApp;
  let tokens: Tokens;
  let lead: PortalAgent;
  let customer: PortalAgent;
  let engagementId: string;
  let page: string;

  const action = (doc: string, rest: string): string =>
    `/engagements/${engagementId}/documents/${doc}/${rest}`;

  /** Submits the form posting to `to` on the documents page, follows the 303, returns the page. */
  async function submit(
    agent: PortalAgent,
    to: string,
    fields: Record<string, string> = {},
  ): Promise<string> {
    const html = (await agent.get(page).expect(200)).text;
    const hidden = hiddenFieldsOf(html, to);
    if (!hidden) throw new Error(`No form posting to ${to}`);
    const response = await agent
      .post(to)
      .type('form')
      .send({ ...hidden, ...fields })
      .expect(303);
    expect(response.headers.location).toBe(`${page}#doc-agreement`);
    return (await agent.get(page).expect(200)).text;
  }

  async function agreementStatus(): Promise<{ version: number; status: string }[]> {
    const response = await test
      .http()
      .get(`/api/engagements/${engagementId}/agreement`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    return (response.body as { versions: { version: number; status: string }[] }).versions.map(
      (v) => ({ version: v.version, status: v.status }),
    );
  }

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    tokens = new Tokens(test);
    engagementId = await sakuraEngagementId(test, tokens);
    page = `/engagements/${engagementId}/documents`;
    await test
      .http()
      .put(`/api/providers/${await providerIdOf(test)}/catalogue`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send(sampleCatalogue())
      .expect(200);
    lead = portalAgent(test);
    await signIn(lead, 'lead@mdr.example');
    customer = portalAgent(test);
    await signIn(customer, 'security@sakura.example');
  });

  afterAll(async () => {
    await test?.close();
  });

  it('links the documents from the home page and shows the three documents', async () => {
    const home = (await lead.get('/').expect(200)).text;
    expect(home).toContain(`<a href="${page}" data-testid="engagement-documents">`);
    const html = (await lead.get(page).expect(200)).text;
    expect(html).toContain('<title>Documents: Sakura Manufacturing MDR');
    expect(html.match(/data-testid="document"/g)).toHaveLength(3);
    const text = textOf(html);
    for (const name of ['Service agreement', 'Peacetime runbook', 'Incident runbook']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('The provider’s service catalogue does not meet these requirements:');
    // The provider lead's editor, prefilled (a runbook with its default content).
    expect(html).toContain(`action="${action('agreement', 'draft')}"`);
    expect(html).toMatch(/id="doc-agreement-content"[^>]*>\{\}<\/textarea>/);
    expect(html).toMatch(/id="doc-peacetime-content"[^>]*>\{\n {2}&quot;title&quot;/);
    expect(html).not.toContain('data-testid="review"');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('keeps the typed text and shows why when the JSON is bad or invalid', async () => {
    const html = (await lead.get(page).expect(200)).text;
    const hidden = hiddenFieldsOf(html, action('agreement', 'draft'));
    const badJson = '{"scope": {"endpoints": ';
    const bad = await lead
      .post(action('agreement', 'draft'))
      .type('form')
      .send({ ...hidden, content: badJson })
      .expect(400);
    expect(bad.text).toContain('data-testid="draft-problem"');
    expect(textOf(bad.text)).toContain('The text is not valid JSON. Correct it and save again.');
    expect(bad.text).toContain(`>${escaped(badJson)}</textarea>`);
    expect(bad.text).toContain('aria-invalid="true"');

    const incomplete = JSON.stringify({ minimumTuningPeriodDays: 30 }, null, 2);
    const invalid = await lead
      .post(action('agreement', 'draft'))
      .type('form')
      .send({ _csrf: hidden?._csrf, content: incomplete })
      .expect(400);
    expect(textOf(invalid.text)).toContain('Some fields are missing or invalid:');
    expect(invalid.text).toContain('data-testid="draft-fields"');
    expect(invalid.text).toMatch(/<li><code>sla[^<]*<\/code>: /);
    expect(invalid.text).toContain(`>${escaped(incomplete)}</textarea>`);
    expect(await agreementStatus()).toEqual([]);
  });

  it('lets the provider lead save a draft from the form and propose it', async () => {
    const saved = await submit(lead, action('agreement', 'draft'), {
      content: JSON.stringify(sampleAgreement(), null, 2),
    });
    expect(textOf(saved)).toContain('Service agreement: version 1 has been saved as a draft.');
    expect(saved).toContain(`action="${action('agreement', 'versions/1/propose')}"`);
    expect(saved).toMatch(/id="doc-agreement-content"[^>]*>\{\n {2}&quot;scope&quot;/);
    const proposed = await submit(lead, action('agreement', 'versions/1/propose'));
    expect(textOf(proposed)).toContain(
      'Service agreement: version 1 has been proposed to the customer.',
    );
    expect(textOf(proposed)).toContain(
      'The provider meets every requirement of the service agreement (version 1).',
    );
    expect(await agreementStatus()).toEqual([{ version: 1, status: 'proposed' }]);
  });

  it('shows the customer the document, no editor, and lets them approve', async () => {
    const html = (await customer.get(page).expect(200)).text;
    expect(html).toContain('data-testid="review"');
    expect(html).not.toContain('data-testid="editor"');
    expect(html).not.toContain('/draft"');
    expect(textOf(html)).toContain('これは最初の版のため、すべての項目が新規です。');
    // The rendered document under the portal, with its session (the JSON route takes bearer tokens only).
    const href = /href="([^"]+)" target="_blank" rel="noopener" data-testid="review-html"/
      .exec(html)?.[1]
      ?.replace(/&#x3D;/g, '=');
    expect(href).toBe(`/engagements/${engagementId}/agreement/versions/1/document?format=html`);
    const document = await customer.get(href!).expect(200);
    expect(document.headers['content-type']).toContain('text/html');
    expect(document.headers['x-document-sha256']).toMatch(/^[0-9a-f]{64}$/);
    await customer.get(`/api${href}`).expect(401);

    // The customer's own POST to the editor is refused with a message, not saved.
    const token = hiddenFieldsOf(html, action('agreement', 'versions/1/approve'))?._csrf;
    await customer
      .post(action('agreement', 'draft'))
      .type('form')
      .send({ _csrf: token, content: '{}' })
      .expect(303);
    expect(textOf((await customer.get(page).expect(200)).text)).toContain(
      'サービス契約書に対してこの操作を行う権限がありません。',
    );

    const approved = await submit(customer, action('agreement', 'versions/1/approve'));
    expect(textOf(approved)).toContain('サービス契約書の第 1 版を承認しました。');
    expect(await agreementStatus()).toEqual([{ version: 1, status: 'approved' }]);
  });

  it('shows the comparison with the previous version; a reject needs a reason', async () => {
    const changed = sampleAgreement();
    changed.sla.critical.acknowledgeMinutes = 10;
    await submit(lead, action('agreement', 'draft'), { content: JSON.stringify(changed) });
    await submit(lead, action('agreement', 'versions/2/propose'));

    const html = (await customer.get(page).expect(200)).text;
    expect(textOf(html)).toContain('第 1 版から第 2 版への変更点');
    const rows = [...html.matchAll(/<tr data-testid="change">([\s\S]*?)<\/tr>/g)].map((m) =>
      textOf(m[1]).trim(),
    );
    expect(rows).toEqual(['sla.critical.acknowledgeMinutes 15 10']);

    const noReason = await submit(customer, action('agreement', 'versions/2/reject'), {
      reason: ' ',
    });
    expect(textOf(noReason)).toContain(
      'サービス契約書の第 2 版を差し戻すには、理由を 3〜2000 文字で入力してください。',
    );
    expect((await agreementStatus()).find((v) => v.version === 2)).toEqual({
      version: 2,
      status: 'proposed',
    });

    const rejected = await submit(customer, action('agreement', 'versions/2/reject'), {
      reason: 'Critical acknowledgement must stay at 15 minutes',
    });
    expect(textOf(rejected)).toContain('サービス契約書の第 2 版を差し戻しました。');
    expect(textOf(rejected)).toContain('Critical acknowledgement must stay at 15 minutes');
    expect((await agreementStatus()).find((v) => v.version === 2)).toEqual({
      version: 2,
      status: 'rejected',
    });
  });

  it('shows a workflow conflict as a message', async () => {
    const onboardingId = await createSakuraOnboarding(test, tokens);
    const changed = sampleAgreement();
    changed.minimumTuningPeriodDays = 45;
    await submit(lead, action('agreement', 'draft'), { content: JSON.stringify(changed) });
    await submit(lead, action('agreement', 'versions/3/propose'));
    const refused = await submit(customer, action('agreement', 'versions/3/approve'));
    expect(textOf(refused)).toContain(
      'サービス契約書の第 3 版はまだ承認できません。この版で決まるオンボーディングのステップが、先行するステップを待っています。',
    );
    expect((await agreementStatus()).find((v) => v.version === 3)).toEqual({
      version: 3,
      status: 'proposed',
    });

    // The onboarding's steps decided in the documents link to them.
    const onboarding = (await lead.get(`/onboardings/${onboardingId}`).expect(200)).text;
    expect(onboarding).toContain(
      `<a href="${page}#doc-agreement" data-testid="decided-in">Decided in the service agreement — open it</a>`,
    );
    expect(onboarding).toContain(`href="${page}#doc-incident" data-testid="decided-in"`);
  });

  it('answers another tenant, a bad id or an unknown document with the 404 page', async () => {
    const northwind = portalAgent(test);
    await signIn(northwind, 'security@northwind.example');
    const other = await northwind.get(page).expect(404);
    expect(other.text).not.toContain('Sakura');
    await lead.get('/engagements/not-a-uuid/documents').expect(404);
    const html = (await lead.get(page).expect(200)).text;
    const token = hiddenFieldsOf(html, action('agreement', 'draft'))?._csrf;
    await lead
      .post(action('contract', 'draft'))
      .type('form')
      .send({ _csrf: token, content: '{}' })
      .expect(404);
    await northwind
      .post(action('agreement', 'draft'))
      .type('form')
      .send({ content: '{}' })
      .expect(403);
  });
});
