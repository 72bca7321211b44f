// date-sensitive: classification and the unsupported-OS check (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { productsThatQuarantine } from '@app/rollout';
import {
  createSakuraOnboarding,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, SAMPLE_ROWS, upload } from './support/inventory-csv';

describe('unsupported OS decisions, the approval of the set of decisions, and product plans', () => {
  let t: TestApp;
  let tokens: Tokens;
  let engagementId: string;
  let onboardingId: string;
  let lead: string;
  let security: string;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    lead = await tokens.for('lead@mdr.example');
    security = await tokens.for('security@sakura.example');
    base = `/api/engagements/${engagementId}`;
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/endpoint_inventory/complete`)
      .set('Authorization', await tokens.for('it-jp@sakura.example'))
      .send({})
      .expect(200);
  });
  afterAll(() => t.close());

  const checkStep = async (): Promise<string> =>
    (await steps(t, tokens, onboardingId)).find((s) => s.key === 'unsupported_os_decisions')
      ?.state as string;
  const stepPath = (action: string) =>
    `/api/onboardings/${onboardingId}/steps/unsupported_os_decisions/${action}`;
  /** The provider lead proposes the set of decisions, the security lead approves it. */
  const approveTheSet = async (): Promise<void> => {
    await t.http().post(stepPath('proposals')).set('Authorization', lead).send({}).expect(201);
    await t.http().post(stepPath('approve')).set('Authorization', security).send({}).expect(200);
  };

  test('the set cannot be proposed after an import with unsupported and end-of-support endpoints, naming counts and examples', async () => {
    await upload(
      t,
      await tokens.for('it-jp@sakura.example'),
      engagementId,
      csv(SAMPLE_ROWS),
    ).expect(200);
    expect(await checkStep()).toBe('open');
    await t.http().post(stepPath('complete')).set('Authorization', security).send({}).expect(400);
    const attempt = await t
      .http()
      .post(stepPath('proposals'))
      .set('Authorization', lead)
      .send({})
      .expect(409);
    // In the proposer's language (en); the decisions page says it in the reader's.
    expect(attempt.body.details.reasons).toEqual([
      '3 unsupported or end-of-support endpoints have no approved decision (unsupported 2, support ended 1, support ending soon 0), e.g. sh-srv-002, tky-pc-002, tky-srv-001',
    ]);
  });

  let proposalId: string;
  test('the provider proposes for a filter; the check still fails while it awaits approval', async () => {
    const response = await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', lead)
      .send({
        kind: 'upgrade',
        upgradeBy: '2027-03-31',
        note: 'Replace with Windows Server 2022',
        filters: { osFamily: 'windows', type: 'server' },
      })
      .expect(201);
    expect(response.body).toMatchObject({
      status: 'proposed',
      endpointCount: 1,
      upgradeBy: '2027-03-31',
      proposedByName: expect.any(String),
      decidedBy: null,
    });
    proposalId = response.body.id;
    const attempt = await t
      .http()
      .post(stepPath('proposals'))
      .set('Authorization', lead)
      .send({})
      .expect(409);
    expect(JSON.stringify(attempt.body.details.reasons)).toContain(
      '1 of them have a proposal awaiting the customer',
    );
    expect(await checkStep()).toBe('open');
  });

  test('validation and roles: upgrade needs a date; customer IT may not decide; only the security lead approves', async () => {
    const noDate = await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', lead)
      .send({ kind: 'upgrade', filters: {} })
      .expect(400);
    expect(noDate.body.details).toEqual([
      { field: 'upgradeBy', reason: 'is required for an upgrade' },
    ]);
    const none = await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', lead)
      .send({ kind: 'exclude', filters: { country: 'US' } })
      .expect(400);
    expect(none.body.details[0].field).toBe('filters');
    await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', await tokens.for('it-jp@sakura.example'))
      .send({ kind: 'exclude', filters: {} })
      .expect(403);
    await t
      .http()
      .post(`${base}/endpoint-decisions/${proposalId}/approve`)
      .set('Authorization', lead)
      .expect(403);
  });

  test('the security lead records one directly and approves the proposal: the set is proposed and approved', async () => {
    const list = await t
      .http()
      .get(`${base}/endpoints?supportStatus=unsupported`)
      .set('Authorization', security)
      .expect(200);
    const ids = list.body.items.map((e: { id: string }) => e.id);
    const direct = await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', security)
      .send({ kind: 'accept_risk', note: 'Isolated VLAN', endpointIds: ids })
      .expect(201);
    expect(direct.body).toMatchObject({
      status: 'approved',
      endpointCount: 2,
      decidedByName: expect.any(String),
    });
    expect(await checkStep()).toBe('open');
    await t
      .http()
      .post(`${base}/endpoint-decisions/${proposalId}/approve`)
      .set('Authorization', security)
      .expect(200);
    expect(await checkStep()).toBe('open');
    await approveTheSet();
    expect(await checkStep()).toBe('done');
    await t
      .http()
      .post(`${base}/endpoint-decisions/${proposalId}/approve`)
      .set('Authorization', security)
      .expect(409);
    const decisions = await t
      .http()
      .get(`${base}/endpoint-decisions`)
      .set('Authorization', lead)
      .expect(200);
    expect(decisions.body.total).toBe(2);
    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE action LIKE 'endpoint_decision.%' ORDER BY seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'endpoint_decision.proposed',
      'endpoint_decision.recorded',
      'endpoint_decision.approved',
    ]);
  });

  test('a new unsupported endpoint makes the approved set stale; it is approved again once decided', async () => {
    await upload(
      t,
      lead,
      engagementId,
      csv(['old-mac-001,client,macos,11.7,,Tokyo HQ,JP,,']),
    ).expect(200);
    expect(await checkStep()).toBe('stale');
    const proposal = await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', lead)
      .send({ kind: 'exclude', filters: { osFamily: 'macos' } })
      .expect(201);
    await t
      .http()
      .post(`${base}/endpoint-decisions/${proposal.body.id}/reject`)
      .set('Authorization', security)
      .send({ reason: 'Upgrade it instead' })
      .expect(200);
    await t.http().post(stepPath('proposals')).set('Authorization', lead).send({}).expect(409);
    await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', security)
      .send({ kind: 'upgrade', upgradeBy: '2027-01-31', filters: { osFamily: 'macos' } })
      .expect(201);
    expect(await checkStep()).toBe('stale');
    await approveTheSet();
    expect(await checkStep()).toBe('done');
    const endpoint = await t
      .http()
      .get(`${base}/endpoints?q=old-mac`)
      .set('Authorization', lead)
      .expect(200);
    expect(endpoint.body.items[0].decision).toMatchObject({
      kind: 'upgrade',
      status: 'approved',
      upgradeBy: '2027-01-31',
    });
  });

  test('existing products are listed with counts; plans are stored and feed productsThatQuarantine', async () => {
    const products = await t
      .http()
      .get(`${base}/security-products`)
      .set('Authorization', lead)
      .expect(200);
    expect(products.body).toEqual([
      { product: 'Legacy AV 12', endpoints: 3, plan: null },
      { product: 'Other AV', endpoints: 2, plan: null },
    ]);
    const it = await tokens.for('it-jp@sakura.example');
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set('Authorization', it)
      .send({ product: 'legacy av 12', action: 'coexist', quarantines: true })
      .expect(200);
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set('Authorization', it)
      .send({ product: 'Other AV', action: 'remove', quarantines: true })
      .expect(400);
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set('Authorization', it)
      .send({
        product: 'Other AV',
        action: 'remove',
        removePhase: 'pre_production',
        quarantines: true,
      })
      .expect(200);
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set('Authorization', await tokens.for('am@mdr.example'))
      .send({ product: 'Other AV', action: 'coexist', quarantines: false })
      .expect(403);
    expect(await productsThatQuarantine(t.dataSource.manager, engagementId)).toEqual([
      'legacy av 12',
    ]);
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set('Authorization', lead)
      .send({
        product: 'Legacy AV 12',
        action: 'coexist',
        quarantines: false,
        note: 'Quarantine switched off',
      })
      .expect(200);
    expect(await productsThatQuarantine(t.dataSource.manager, engagementId)).toEqual([]);
    const after = await t
      .http()
      .get(`${base}/security-products`)
      .set('Authorization', security)
      .expect(200);
    expect(after.body[0]).toMatchObject({
      product: 'Legacy AV 12',
      endpoints: 3,
      plan: { action: 'coexist', quarantines: false, note: 'Quarantine switched off' },
    });
    expect(after.body[1].plan).toMatchObject({ action: 'remove', removePhase: 'pre_production' });
  });
});
