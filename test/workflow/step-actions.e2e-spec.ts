import { createSakuraOnboarding, steps, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';

describe('step actions: approvals bound to content, rejection and revision, waivers, concurrency', () => {
  let t: TestApp;
  let tokens: Tokens;
  let id: string;
  const post = async (email: string, path: string, body: object = {}) =>
    t.http().post(`/api/onboardings/${id}/steps/${path}`).set('Authorization', await tokens.for(email)).send(body);
  const step = async (key: string) => (await steps(t, tokens, id)).find((s) => s.key === key)!;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    id = await createSakuraOnboarding(t, tokens);
    await post('security@sakura.example', 'mdr_requirements_defined/complete').then((r) => expect(r.status).toBe(200));
    await post('lead@mdr.example', 'provider_requirements_check/complete').then((r) => expect(r.status).toBe(200));
  });
  afterAll(() => t.close());

  it('refuses an approval before anything is proposed, naming who must propose', async () => {
    const response = await post('security@sakura.example', 'communication_language/approve');
    expect(response.status).toBe(409);
    expect(response.body.message).toContain('provider_lead');
  });

  it('binds an approval to the SHA-256 of the proposal, and makes it stale when a new version comes', async () => {
    const proposal = await post('lead@mdr.example', 'communication_language/proposals', { content: { primary: 'ja', also: ['en'] } });
    expect(proposal.status).toBe(201);
    const approved = await post('security@sakura.example', 'communication_language/approve');
    expect(approved.status).toBe(200);
    const proposed = await step('communication_language');
    expect(approved.body.contentHash).toBe(proposed.proposal?.contentHash);
    expect(approved.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(proposed.state).toBe('done');
    expect((await step('service_agreement')).state).toBe('open');

    await post('lead@mdr.example', 'communication_language/proposals', { content: { primary: 'en' } }).then((r) => expect(r.status).toBe(201));
    const stale = await step('communication_language');
    expect(stale.state).toBe('stale');
    expect(stale.contentHash).toBeNull();
    const gate = await t.http().get(`/api/onboardings/${id}/gate`).set('Authorization', await tokens.for('lead@mdr.example'));
    expect(gate.body.blockers.find((b: { stepKey: string }) => b.stepKey === 'communication_language').reason).toContain('approved content changed');
    const again = await post('security@sakura.example', 'communication_language/approve');
    expect(again.body.contentHash).toBe((await step('communication_language')).proposal?.contentHash);
    expect(again.body.contentHash).not.toBe(approved.body.contentHash);
  });

  it('reopens a rejected step when the proposer revises', async () => {
    await post('lead@mdr.example', 'service_agreement/proposals', { content: { sla: 'v1' } }).then((r) => expect(r.status).toBe(201));
    const rejected = await post('security@sakura.example', 'service_agreement/reject', { reason: 'The SLA for critical is too slow' });
    expect(rejected.body.state).toBe('rejected');
    const gate = await t.http().get(`/api/onboardings/${id}/gate`).set('Authorization', await tokens.for('lead@mdr.example'));
    expect(gate.body.blockers.find((b: { stepKey: string }) => b.stepKey === 'service_agreement').reason).toContain('The SLA for critical is too slow');
    await post('security@sakura.example', 'service_agreement/approve').then((r) => expect(r.status).toBe(409));
    await post('lead@mdr.example', 'service_agreement/proposals', { content: { sla: 'v2' } }).then((r) => expect(r.status).toBe(201));
    expect((await step('service_agreement')).state).toBe('open');
    await post('security@sakura.example', 'service_agreement/approve').then((r) => expect(r.status).toBe(200));
  });

  it('rejects with a reason only (400 naming the field)', async () => {
    const response = await post('security@sakura.example', 'existing_av_plan/reject', {});
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('reason');
  });

  it('waives only where the template allows, by the provider lead or account manager, with a reason', async () => {
    await post('security@sakura.example', 'effectiveness_check/waive', { reason: 'not needed' }).then((r) => expect(r.status).toBe(403));
    const refused = await post('lead@mdr.example', 'domain_permission_email/waive', { reason: 'skip it' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('cannot be waived');
    const waived = await post('am@mdr.example', 'effectiveness_check/waive', { reason: 'No past incidents to replay' });
    expect(waived.status).toBe(200);
    expect(waived.body.state).toBe('waived');
  });

  it('answers 409 for a stale expectedVersion and for acting on a blocked step', async () => {
    const inventory = await step('endpoint_inventory');
    const stale = await post('it-jp@sakura.example', 'endpoint_inventory/complete', { expectedVersion: inventory.version + 5 });
    expect(stale.status).toBe(409);
    const blocked = await post('it-jp@sakura.example', 'update_waves_plan/complete');
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('blocked');
  });

  it('never loses an approval when many people act at once, and opens dependents exactly when ready', async () => {
    await post('it-jp@sakura.example', 'endpoint_inventory/complete').then((r) => expect(r.status).toBe(200));
    // Three customer_it tasks and one check open at once; act on all of them concurrently.
    const results = await Promise.all([
      post('it-jp@sakura.example', 'existing_security_products/complete'),
      post('it-cn@sakura.example', 'bandwidth_survey/complete'),
      post('security@sakura.example', 'unsupported_os_decisions/complete'),
      post('it-jp@sakura.example', 'existing_security_products/complete'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 409]);
    const after = await steps(t, tokens, id);
    for (const key of ['existing_security_products', 'bandwidth_survey', 'unsupported_os_decisions']) {
      expect(after.find((s) => s.key === key)?.state).toBe('done');
    }
    expect(after.find((s) => s.key === 'existing_av_plan')?.state).toBe('open');
    expect(after.find((s) => s.key === 'update_policy')?.state).toBe('open');
    const events = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM onboarding_event WHERE onboarding_id = $1 AND action = 'unblocked' AND step_key = 'update_policy'`, [id]);
    expect(events[0].n).toBe(1);
  });

  it('reopens a done task for its acting party, blocking dependents again', async () => {
    const response = await post('it-jp@sakura.example', 'bandwidth_survey/reopen', { reason: 'Site B bandwidth was wrong' });
    expect(response.status).toBe(200);
    expect(response.body.state).toBe('open');
    expect((await step('update_policy')).state).toBe('blocked');
    await post('it-jp@sakura.example', 'bandwidth_survey/complete').then((r) => expect(r.status).toBe(200));
    expect((await step('update_policy')).state).toBe('open');
  });

  it('filters the onboarding list and keeps other tenants out of it', async () => {
    const lead = await tokens.for('lead@mdr.example');
    const list = await t.http().get('/api/onboardings?phase=introduction&status=in_progress').set('Authorization', lead).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id, customerName: 'Sakura Manufacturing', currentPhase: 'introduction' });
    expect(list.body.items[0].requiredDone).toBeGreaterThan(3);
    const none = await t.http().get('/api/onboardings?phase=production').set('Authorization', lead).expect(200);
    expect(none.body.total).toBe(0);
    const northwind = await t.http().get('/api/onboardings').set('Authorization', await tokens.for('security@northwind.example')).expect(200);
    expect(northwind.body.total).toBe(0);
    const bad = await t.http().get('/api/onboardings?overdue=maybe&phase=later').set('Authorization', lead);
    expect(bad.status).toBe(400);
  });
});
