// date-sensitive: due dates and overdue steps (run again with the real time moved ahead: scripts/test-time-shift.sh)
import {
  createSakuraOnboarding,
  driveToReady,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { csrfTokenIn, portalAgent, signIn, textOf } from '../portal/portal-client';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

describe('onboarding: the standard template from creation to a started service', () => {
  let t: TestApp;
  let tokens: Tokens;
  let id: string;
  let engagementId: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    id = await createSakuraOnboarding(t, tokens);
    engagementId = await sakuraEngagementId(t, tokens);
  });
  afterAll(() => t.close());

  it('starts with the dependency-free steps open and the rest blocked, in the introduction phase', async () => {
    const detail = await t
      .http()
      .get(`/api/onboardings/${id}`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    expect(detail.body).toMatchObject({
      customerName: 'Sakura Manufacturing',
      status: 'in_progress',
      currentPhase: 'introduction',
    });
    const open = detail.body.steps
      .filter((s: { state: string }) => s.state === 'open')
      .map((s: { key: string }) => s.key);
    expect(open).toEqual(
      expect.arrayContaining(['endpoint_inventory', 'mdr_requirements_defined']),
    );
    expect(
      detail.body.steps.find((s: { key: string }) => s.key === 'service_agreement').state,
    ).toBe('blocked');
    // Titles come in the caller's language (Sakura's lead reads Japanese).
    expect(
      detail.body.steps.find((s: { key: string }) => s.key === 'endpoint_inventory').title,
    ).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
    expect(detail.body.history[detail.body.history.length - 1].action).toBe('created');
  });

  it('refuses to start while steps are open, listing every blocker with who is waited on (409, audited)', async () => {
    const lead = await tokens.for('lead@mdr.example');
    const gate = await t
      .http()
      .get(`/api/onboardings/${id}/gate`)
      .set('Authorization', lead)
      .expect(200);
    expect(gate.body.ready).toBe(false);
    const inventory = gate.body.blockers.find(
      (b: { stepKey: string }) => b.stepKey === 'endpoint_inventory',
    );
    expect(inventory).toMatchObject({
      type: 'task',
      waitingOn: { party: 'customer', role: 'customer_it' },
      overdue: false,
    });
    expect(inventory.waitingOn.users.map((u: { email: string }) => u.email).sort()).toEqual([
      'it-cn@sakura.example',
      'it-jp@sakura.example',
    ]);
    const refused = await t
      .http()
      .post(`/api/onboardings/${id}/start-service`)
      .set('Authorization', lead);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('GATE_NOT_READY');
    expect(refused.body.details.blockers.map((b: { stepKey: string }) => b.stepKey).sort()).toEqual(
      gate.body.blockers.map((b: { stepKey: string }) => b.stepKey).sort(),
    );
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_record WHERE action = 'onboarding.start_refused' AND subject_id = $1`,
      [id],
    );
    expect(audit[0].n).toBe(1);
  });

  it('lets only the named party and role act: others who see it get 403, other tenants 404', async () => {
    const base = `/api/onboardings/${id}/steps/endpoint_inventory/complete`;
    const wrongRole = await t
      .http()
      .post(base)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .send({});
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.message).toContain('customer_it');
    await t
      .http()
      .post(base)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({})
      .expect(403);
    await t
      .http()
      .post(base)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .send({})
      .expect(404);
    await t
      .http()
      .get(`/api/onboardings/${id}`)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .expect(404);
  });

  it('refuses to approve a document-decided step before its dependencies are done, and by the generic route', async () => {
    await proposeSakuraDocuments(t, tokens, engagementId);
    const customer = await tokens.for('security@sakura.example');
    const early = await t
      .http()
      .post(`/api/engagements/${engagementId}/agreement/versions/1/approve`)
      .set('Authorization', customer);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('communication_language is blocked');
    const generic = await t
      .http()
      .post(`/api/onboardings/${id}/steps/service_agreement/approve`)
      .set('Authorization', customer);
    expect(generic.status).toBe(409);
    expect(generic.body.message).toContain('decided in the service agreement');
  });

  it('drives every step to done and then starts the service exactly once under 50 concurrent calls', async () => {
    await driveToReady(t, tokens, id, engagementId);
    const bound = (await steps(t, tokens, id)).find((s) => s.key === 'service_agreement');
    const agreement = await t
      .http()
      .get(`/api/engagements/${engagementId}/agreement`)
      .set('Authorization', await tokens.for('lead@mdr.example'));
    expect(bound?.contentHash).toBe(agreement.body.current.documentSha256);
    const remaining = (await steps(t, tokens, id)).filter(
      (s) => s.requiredForStart && !['done', 'waived'].includes(s.state),
    );
    expect(remaining).toEqual([]);
    const lead = await tokens.for('lead@mdr.example');
    const gate = await t
      .http()
      .get(`/api/onboardings/${id}/gate`)
      .set('Authorization', lead)
      .expect(200);
    expect(gate.body).toEqual({ ready: true, blockers: [] });

    const calls = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.http().post(`/api/onboardings/${id}/start-service`).set('Authorization', lead),
      ),
    );
    const statuses = calls.map((c) => c.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const records = new Set(calls.map((c) => JSON.stringify(c.body)));
    expect(records.size).toBe(1);
    expect(calls[0].body).toMatchObject({ status: 'active', onboardingId: id });
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_record WHERE action = 'onboarding.service_started' AND subject_id = $1`,
      [id],
    );
    expect(audit[0].n).toBe(1);
    const engagement = await t.dataSource.query(
      `SELECT e.status FROM engagement e JOIN onboarding o ON o.engagement_id = e.id WHERE o.id = $1`,
      [id],
    );
    expect(engagement[0].status).toBe('active');
    const detail = await t
      .http()
      .get(`/api/onboardings/${id}`)
      .set('Authorization', lead)
      .expect(200);
    expect(detail.body).toMatchObject({ status: 'active', currentPhase: 'production' });
  });

  it('refuses a second onboarding while one is in progress, and a re-onboarding where nothing started', async () => {
    const lead = await tokens.for('lead@mdr.example');
    const northwind = (
      await t.http().get('/api/engagements').set('Authorization', lead).expect(200)
    ).body.items.find((e: { customerName: string }) => e.customerName === 'Northwind Retail').id;
    const first = await t
      .http()
      .post('/api/onboardings')
      .set('Authorization', lead)
      .send({
        engagementId: northwind,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-06-01',
      })
      .expect(201);
    expect(first.body).toMatchObject({ sequence: 1, kind: 'initial' });
    const again = await t.http().post('/api/onboardings').set('Authorization', lead).send({
      engagementId: northwind,
      templateKey: 'edr-mdr-onboarding',
      plannedStartDate: '2027-06-01',
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already has an onboarding in progress (#1');
    expect(again.body.details.onboardingId).toBe(first.body.id);
    const early = await t.http().post('/api/onboardings').set('Authorization', lead).send({
      engagementId: northwind,
      templateKey: 'edr-mdr-onboarding',
      plannedStartDate: '2027-06-01',
      reonboarding: true,
    });
    expect(early.status).toBe(409);
  });

  it('onboards a started engagement again only when asked explicitly, never touching the started one', async () => {
    const lead = await tokens.for('lead@mdr.example');
    // In the portal: the started engagement is offered for a re-onboarding only; without the box
    // ticked the page says what to do, and nothing is made.
    const portal = portalAgent(t);
    await signIn(portal, 'lead@mdr.example', TEST_PASSWORD);
    const form = (await portal.get('/onboardings').expect(200)).text;
    expect(form).toContain('<optgroup label="Service started (re-onboarding only)">');
    await portal
      .post('/onboardings')
      .type('form')
      .send({
        _csrf: csrfTokenIn(form),
        engagementId,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-09-01',
      })
      .expect(303);
    expect(textOf((await portal.get('/onboardings').expect(200)).text)).toContain(
      'To onboard it again, tick “re-onboarding”.',
    );
    expect(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM onboarding WHERE engagement_id = $1`,
          [engagementId],
        )
      )[0].n,
    ).toBe(1);

    const create = (extra: object) =>
      t
        .http()
        .post('/api/onboardings')
        .set('Authorization', lead)
        .send({
          engagementId,
          templateKey: 'edr-mdr-onboarding',
          plannedStartDate: '2027-09-01',
          ...extra,
        });
    const implicit = await create({});
    expect(implicit.status).toBe(409);
    expect(implicit.body.message).toContain('reonboarding: true');
    expect(implicit.body.details.onboardingId).toBe(id);
    expect((await create({ reonboarding: 'yes' })).status).toBe(400);

    const startedBefore = await steps(t, tokens, id);
    const second = await create({ reonboarding: true });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ sequence: 2, kind: 'reonboarding', status: 'in_progress' });
    const audit = await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'onboarding.created' AND subject_id = $1`,
      [second.body.id],
    );
    expect(audit).toHaveLength(1);

    // A new agreement version is for the re-onboarding; the started onboarding's approvals stay.
    const agreement = `/api/engagements/${engagementId}/agreement`;
    await t.http().post(agreement).set('Authorization', lead).send({}).expect(201);
    await t
      .http()
      .post(`${agreement}/versions/2/propose`)
      .set('Authorization', lead)
      .send({})
      .expect(200);
    const startedAfter = await steps(t, tokens, id);
    expect(startedAfter.map((s) => [s.key, s.state, s.contentHash, s.version])).toEqual(
      startedBefore.map((s) => [s.key, s.state, s.contentHash, s.version]),
    );

    // The pages tell the two apart: #1, and #2 marked as a re-onboarding.
    const list = await t.http().get('/api/onboardings').set('Authorization', lead).expect(200);
    const sakura = list.body.items
      .filter((o: { engagementId: string }) => o.engagementId === engagementId)
      .map((o: { sequence: number; kind: string; status: string }) => [
        o.sequence,
        o.kind,
        o.status,
      ]);
    expect(sakura.sort()).toEqual([
      [1, 'initial', 'active'],
      [2, 'reonboarding', 'in_progress'],
    ]);
    const page = textOf((await portal.get('/onboardings').expect(200)).text);
    expect(page).toContain('Onboarding #1');
    expect(page).toContain('Onboarding #2 Re-onboarding');
  });

  it('filters the list by what a person types for the customer: its name (any part, any case) or its id', async () => {
    const lead = await tokens.for('lead@mdr.example');
    const list = async (customer: string) =>
      (
        await t
          .http()
          .get('/api/onboardings')
          .query({ customer })
          .set('Authorization', lead)
          .expect(200)
      ).body.items.map((o: { customerName: string }) => o.customerName);
    expect([...new Set(await list('sakura'))]).toEqual(['Sakura Manufacturing']);
    expect([...new Set(await list('Retail'))]).toEqual(['Northwind Retail']);
    expect(await list('%')).toEqual([]);
    expect(await list('nobody')).toEqual([]);
    const sakuraId = (
      await t.dataSource.query(`SELECT id FROM organisation WHERE name = 'Sakura Manufacturing'`)
    )[0].id;
    expect([...new Set(await list(sakuraId))]).toEqual(['Sakura Manufacturing']);
  });
});
