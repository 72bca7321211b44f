import { signIn, portalAgent, PortalAgent } from '../portal/portal-client';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';

// The onboarding view reads its rows in one statement and indexes each template version's steps
// once: what a change writes shows on the very next JSON and page request, and an onboarding of
// another template version is shown with that version's texts.
describe('onboarding view: fresh after every change, per template version', () => {
  let t: TestApp;
  let tokens: Tokens;
  let customer: PortalAgent;
  let id: string;

  const post = async (email: string, path: string, body: object = {}) =>
    t
      .http()
      .post(`/api/onboardings/${id}/steps/${path}`)
      .set('Authorization', await tokens.for(email))
      .send(body);
  const detail = async () =>
    (
      await t
        .http()
        .get(`/api/onboardings/${id}`)
        .set('Authorization', await tokens.for('lead@mdr.example')) // reads English
        .expect(200)
    ).body as {
      templateVersion: number;
      steps: {
        key: string;
        title: string;
        state: string;
        actedBy: string | null;
        proposal: { version: number; note: string | null; submittedAt: string } | null;
        completion: { note: string | null; completedByName: string | null } | null;
      }[];
      history: { action: string; stepKey: string | null; actorName: string | null; at: string }[];
    };
  const step = async (key: string) => (await detail()).steps.find((s) => s.key === key)!;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    id = await createSakuraOnboarding(t, tokens);
    customer = portalAgent(t);
    await signIn(customer, 'security@sakura.example');
  });
  afterAll(() => t.close());

  it('shows a completion, a proposal and an approval on the next JSON and page request', async () => {
    expect((await step('endpoint_inventory')).completion).toBeNull();
    expect(
      (await post('it-jp@sakura.example', 'endpoint_inventory/complete', { note: 'All 412 PCs' }))
        .status,
    ).toBe(200);
    const completed = await step('endpoint_inventory');
    expect(completed.state).toBe('done');
    expect(completed.completion).toMatchObject({ note: 'All 412 PCs' });
    expect(completed.completion?.completedByName).toEqual(expect.any(String));

    for (const key of ['bandwidth_survey', 'existing_security_products'])
      expect((await post('it-jp@sakura.example', `${key}/complete`)).status).toBe(200);
    expect((await step('update_policy')).proposal).toBeNull();
    const proposed = await post('lead@mdr.example', 'update_policy/proposals', {
      note: 'Waves of 50',
    });
    expect(proposed.status).toBe(201);
    const open = await step('update_policy');
    expect(open.proposal).toMatchObject({ version: 1, note: 'Waves of 50' });
    expect(Number.isNaN(Date.parse(open.proposal!.submittedAt))).toBe(false);
    const before = await customer.get(`/onboardings/${id}`).expect(200);
    expect(before.text).toContain('Waves of 50');

    expect((await post('security@sakura.example', 'update_policy/approve')).status).toBe(200);
    const after = await detail();
    const approved = after.steps.find((s) => s.key === 'update_policy')!;
    expect(approved.state).toBe('done');
    expect(approved.actedBy).toEqual(expect.any(String));
    // Newest first, with who did it.
    expect(after.history[0]).toMatchObject({ action: 'approved', stepKey: 'update_policy' });
    expect(after.history[0].actorName).toEqual(expect.any(String));
    const times = after.history.map((h) => Date.parse(h.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const page = await customer.get(`/onboardings/${id}`).expect(200);
    expect(page.text).not.toBe(before.text);
    expect(page.text).toMatch(/class="step step--done"[^>]*data-step="update_policy"/);
    expect(before.text).toMatch(/class="step step--open"[^>]*data-step="update_policy"/);

    // A second proposal is the next version on the next request.
    expect(
      (await post('lead@mdr.example', 'update_policy/proposals', { note: 'Waves of 20' })).status,
    ).toBe(201);
    expect((await step('update_policy')).proposal).toMatchObject({
      version: 2,
      note: 'Waves of 20',
    });
  });

  // The view reads the onboarding through the scope, its steps and the members acting on them in
  // the same statement: a renamed member shows on the next request, another tenant gets a 404.
  it('shows a renamed acting member on the next request, and is not found by another tenant', async () => {
    const tasks = async () =>
      (
        (
          await t
            .http()
            .get(`/api/onboardings/${id}`)
            .set('Authorization', await tokens.for('lead@mdr.example'))
            .expect(200)
        ).body as { steps: { key: string; assignees: { email: string; displayName: string }[] }[] }
      ).steps.find((s) => s.key === 'endpoint_inventory')!.assignees;
    expect((await tasks()).map((a) => a.email)).toContain('it-jp@sakura.example');
    await t.dataSource.query(`UPDATE app_user SET display_name = $1 WHERE email = $2`, [
      'Sakura IT (renamed)',
      'it-jp@sakura.example',
    ]);
    expect((await tasks()).find((a) => a.email === 'it-jp@sakura.example')?.displayName).toBe(
      'Sakura IT (renamed)',
    );
    const page = await customer.get(`/onboardings/${id}`).expect(200);
    expect(page.text).toContain('Sakura IT (renamed)');

    await t
      .http()
      .get(`/api/onboardings/${id}`)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .expect(404);
  });

  it("shows each onboarding in its own template version's texts", async () => {
    const v2 = await detail();
    expect(v2.templateVersion).toBe(2);
    expect(v2.steps.find((s) => s.key === 'domain_permission_email')?.title).toBe(
      'Answer the domain-permission email',
    );
    // The same onboarding recorded against version 1 (still registered): version 1's texts.
    await t.dataSource.query('UPDATE onboarding SET template_version = 1 WHERE id = $1', [id]);
    try {
      const v1 = await detail();
      expect(v1.templateVersion).toBe(1);
      expect(v1.steps.find((s) => s.key === 'domain_permission_email')?.title).toBe(
        'Reply to the domain-permission email',
      );
    } finally {
      await t.dataSource.query('UPDATE onboarding SET template_version = 2 WHERE id = $1', [id]);
    }
    expect((await detail()).steps.find((s) => s.key === 'domain_permission_email')?.title).toBe(
      'Answer the domain-permission email',
    );
  });
});
