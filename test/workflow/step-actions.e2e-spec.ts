import { createSakuraOnboarding, steps, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';

describe('step actions: approvals bound to content, rejection and revision, waivers, concurrency', () => {
  let t: TestApp;
  let tokens: Tokens;
  let id: string;
  const post = async (email: string, path: string, body: object = {}) =>
    t
      .http()
      .post(`/api/onboardings/${id}/steps/${path}`)
      .set('Authorization', await tokens.for(email))
      .send(body);
  const step = async (key: string) => (await steps(t, tokens, id)).find((s) => s.key === key)!;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    id = await createSakuraOnboarding(t, tokens);
  });
  afterAll(() => t.close());

  it('refuses the generic approval routes for steps decided in a document', async () => {
    const response = await post('security@sakura.example', 'communication_language/approve');
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('STEP_DECIDED_ELSEWHERE');
    expect(response.body.message).toContain('decided in the service agreement');
    const propose = await post('lead@mdr.example', 'service_agreement/proposals', {
      content: { x: 1 },
    });
    expect(propose.status).toBe(409);
  });

  it('never loses a completion when many people act at once, and opens dependents exactly when ready', async () => {
    await post('it-jp@sakura.example', 'endpoint_inventory/complete').then((r) =>
      expect(r.status).toBe(200),
    );
    const results = await Promise.all([
      post('it-jp@sakura.example', 'existing_security_products/complete'),
      post('it-cn@sakura.example', 'bandwidth_survey/complete'),
      post('lead@mdr.example', 'unsupported_os_decisions/proposals'),
      post('it-jp@sakura.example', 'existing_security_products/complete'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201, 409]);
    await post('security@sakura.example', 'unsupported_os_decisions/approve').then((r) =>
      expect(r.status).toBe(200),
    );
    const after = await steps(t, tokens, id);
    for (const key of [
      'existing_security_products',
      'bandwidth_survey',
      'unsupported_os_decisions',
    ]) {
      expect(after.find((s) => s.key === key)?.state).toBe('done');
    }
    expect(after.find((s) => s.key === 'existing_av_plan')?.state).toBe('open');
    expect(after.find((s) => s.key === 'update_policy')?.state).toBe('open');
    const events = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM onboarding_event WHERE onboarding_id = $1 AND action = 'unblocked' AND step_key = 'update_policy'`,
      [id],
    );
    expect(events[0].n).toBe(1);
  });

  it('refuses an approval before anything is proposed, naming who must propose', async () => {
    const response = await post('security@sakura.example', 'existing_av_plan/approve');
    expect(response.status).toBe(409);
    expect(response.body.message).toContain('provider_lead');
  });

  it('binds an approval to the SHA-256 of the proposal, and makes it stale when what it approved changes', async () => {
    const proposal = await post('lead@mdr.example', 'existing_av_plan/proposals');
    expect(proposal.status).toBe(201);
    const approved = await post('security@sakura.example', 'existing_av_plan/approve');
    expect(approved.status).toBe(200);
    const proposed = await step('existing_av_plan');
    expect(approved.body.contentHash).toBe(proposed.proposal?.contentHash);
    expect(approved.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(proposed.state).toBe('done');

    const engagementId = (
      await t
        .http()
        .get(`/api/onboardings/${id}`)
        .set('Authorization', await tokens.for('lead@mdr.example'))
    ).body.engagementId;
    await t
      .http()
      .put(`/api/engagements/${engagementId}/security-products/plan`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({ product: 'Legacy AV', action: 'coexist', quarantines: true })
      .expect(200);
    const stale = await step('existing_av_plan');
    expect(stale.state).toBe('stale');
    expect(stale.contentHash).toBeNull();
    const gate = await t
      .http()
      .get(`/api/onboardings/${id}/gate`)
      .set('Authorization', await tokens.for('lead@mdr.example'));
    expect(
      gate.body.blockers.find((b: { stepKey: string }) => b.stepKey === 'existing_av_plan').reason,
    ).toContain('what you approved changed: Product Legacy AV (added)');
    await post('security@sakura.example', 'existing_av_plan/approve').then((r) =>
      expect(r.status).toBe(409),
    );
    await post('lead@mdr.example', 'existing_av_plan/proposals', {
      note: 'Legacy AV stays until production',
    }).then((r) => expect(r.status).toBe(201));
    const again = await post('security@sakura.example', 'existing_av_plan/approve');
    expect(again.body.contentHash).toBe((await step('existing_av_plan')).proposal?.contentHash);
    expect(again.body.contentHash).not.toBe(approved.body.contentHash);
  });

  it('reopens a rejected step when the proposer revises', async () => {
    await post('lead@mdr.example', 'update_policy/proposals').then((r) =>
      expect(r.status).toBe(201),
    );
    const rejected = await post('security@sakura.example', 'update_policy/reject', {
      reason: 'Too many concurrent updates for the Osaka link',
    });
    expect(rejected.body.state).toBe('rejected');
    const gate = await t
      .http()
      .get(`/api/onboardings/${id}/gate`)
      .set('Authorization', await tokens.for('lead@mdr.example'));
    expect(
      gate.body.blockers.find((b: { stepKey: string }) => b.stepKey === 'update_policy').reason,
    ).toContain('Too many concurrent updates');
    await post('security@sakura.example', 'update_policy/approve').then((r) =>
      expect(r.status).toBe(409),
    );
    await post('lead@mdr.example', 'update_policy/proposals', {
      note: 'Osaka now updates 10 at a time',
    }).then((r) => expect(r.status).toBe(201));
    expect((await step('update_policy')).state).toBe('open');
    await post('security@sakura.example', 'update_policy/approve').then((r) =>
      expect(r.status).toBe(200),
    );
  });

  it('rejects with a reason only (400 naming the field)', async () => {
    const response = await post('security@sakura.example', 'existing_av_plan/reject', {});
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('reason');
  });

  it('waives only where the template allows, by the provider lead or account manager, with a reason', async () => {
    await post('security@sakura.example', 'effectiveness_check/waive', {
      reason: 'not needed',
    }).then((r) => expect(r.status).toBe(403));
    const refused = await post('lead@mdr.example', 'domain_permission_email/waive', {
      reason: 'skip it',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('cannot be waived');
    const waived = await post('am@mdr.example', 'effectiveness_check/waive', {
      reason: 'No past incidents to replay',
    });
    expect(waived.status).toBe(200);
    expect(waived.body.state).toBe('waived');
  });

  it('answers 409 for a stale expectedVersion and for acting on a blocked step', async () => {
    const requirements = await step('mdr_requirements_defined');
    const stale = await post('security@sakura.example', 'mdr_requirements_defined/complete', {
      expectedVersion: requirements.version + 5,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STEP_CHANGED');
    const blocked = await post('it-jp@sakura.example', 'console_setup/complete');
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      code: 'STEP_WRONG_STATE',
      details: { state: 'blocked', allowed: ['open'] },
    });
    expect(blocked.body.message).toContain('blocked');
    await post('security@sakura.example', 'mdr_requirements_defined/complete', {
      expectedVersion: requirements.version,
    }).then((r) => expect(r.status).toBe(200));
    expect((await step('provider_requirements_check')).state).toBe('open');
  });

  it('reopens a done task for its acting party, blocking dependents again', async () => {
    const response = await post('security@sakura.example', 'mdr_requirements_defined/reopen', {
      reason: 'Chinese support is needed too',
    });
    expect(response.status).toBe(200);
    expect(response.body.state).toBe('open');
    expect((await step('provider_requirements_check')).state).toBe('blocked');
    await post('security@sakura.example', 'mdr_requirements_defined/complete').then((r) =>
      expect(r.status).toBe(200),
    );
    expect((await step('provider_requirements_check')).state).toBe('open');
  });

  it('filters the onboarding list and keeps other tenants out of it', async () => {
    const lead = await tokens.for('lead@mdr.example');
    const list = await t
      .http()
      .get('/api/onboardings?phase=introduction&status=in_progress')
      .set('Authorization', lead)
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id,
      customerName: 'Sakura Manufacturing',
      currentPhase: 'introduction',
    });
    expect(list.body.items[0].requiredDone).toBeGreaterThan(3);
    const none = await t
      .http()
      .get('/api/onboardings?phase=production')
      .set('Authorization', lead)
      .expect(200);
    expect(none.body.total).toBe(0);
    const northwind = await t
      .http()
      .get('/api/onboardings')
      .set('Authorization', await tokens.for('security@northwind.example'))
      .expect(200);
    expect(northwind.body.total).toBe(0);
    const bad = await t
      .http()
      .get('/api/onboardings?overdue=maybe&phase=later')
      .set('Authorization', lead);
    expect(bad.status).toBe(400);
  });
});
