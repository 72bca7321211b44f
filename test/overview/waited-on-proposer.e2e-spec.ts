import { Clock } from '@app/platform';
import { ProgressVerification } from '@app/workflow';
import { WaitOnProposers1765700000000 } from '../../migrations/1765700000000-WaitOnProposers';
import { createSakuraOnboarding, sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { PortalAgent, portalAgent, signIn, textOf } from '../portal/portal-client';

interface Blocker {
  stepKey: string;
  state: string;
  title: string;
  waitingOn: { party: string; role: string; users: { email: string }[] };
}

interface Row {
  onboardingId: string;
  waitingOnCustomer: number;
  waitingOnProvider: number;
  blockers: { key: string; party: string; role: string }[];
}

const STEP = 'existing_av_plan';

// An approval with a proposer waits on the proposer while a (new) proposal is awaited: nothing
// proposed yet, rejected, or made stale with its proposal outdated. The gate JSON, the kept
// overview row (JSON and page) and the verification agree at each turn.
describe('who an approval awaiting a proposal waits on (gate and overview)', () => {
  let t: TestApp;
  let tokens: Tokens;
  let id: string;
  let engagementId: string;
  let am: PortalAgent;

  const post = async (email: string, path: string, body: object = {}, status = 200) =>
    t
      .http()
      .post(`/api/onboardings/${id}/steps/${path}`)
      .set('Authorization', await tokens.for(email))
      .send(body)
      .expect(status);
  const gateBlocker = async (): Promise<Blocker> => {
    const gate = await t
      .http()
      .get(`/api/onboardings/${id}/gate`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    const blocker = (gate.body.blockers as Blocker[]).find((b) => b.stepKey === STEP);
    if (!blocker) throw new Error(`${STEP} is not a blocker`);
    return blocker;
  };
  const row = async (): Promise<Row> => {
    const list = await t
      .http()
      .get('/api/overview')
      .set('Authorization', await tokens.for('am@mdr.example'))
      .expect(200);
    return (list.body.items as Row[]).find((r) => r.onboardingId === id) as Row;
  };

  /** The gate, the overview row and its page all name `party` for the step; the kept row is true. */
  const expectWaitingOn = async (party: 'customer' | 'provider'): Promise<void> => {
    const blocker = await gateBlocker();
    const role = party === 'provider' ? 'provider_lead' : 'customer_security_lead';
    const email = party === 'provider' ? 'lead@mdr.example' : 'security@sakura.example';
    expect(blocker.waitingOn.party).toBe(party);
    expect(blocker.waitingOn.role).toBe(role);
    expect(blocker.waitingOn.users.map((u) => u.email)).toEqual([email]);
    const kept = await row();
    expect(kept.blockers.find((b) => b.key === STEP)).toMatchObject({ party, role });
    // The page shows the row's counts.
    const page = textOf((await am.get('/overview').set('Accept-Language', 'en').expect(200)).text);
    expect(page).toContain(
      `Waiting on the customer: ${kept.waitingOnCustomer}, on the provider: ${kept.waitingOnProvider}`,
    );
    const { mismatches } = await t.app.get(ProgressVerification).mismatches(t.dataSource.manager);
    expect(mismatches).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    id = await createSakuraOnboarding(t, tokens);
    await post('it-jp@sakura.example', 'endpoint_inventory/complete');
    await post('it-jp@sakura.example', 'existing_security_products/complete');
    am = portalAgent(t);
    await signIn(am, 'am@mdr.example');
  });
  afterAll(() => t?.close());

  it('waits on the proposer while nothing is proposed, then on the approver', async () => {
    await expectWaitingOn('provider');
    const before = await row();
    await post('lead@mdr.example', `${STEP}/proposals`, {}, 201);
    await expectWaitingOn('customer');
    const after = await row();
    // The proposal alone moved the step from the provider's count to the customer's.
    expect(after.waitingOnProvider).toBe(before.waitingOnProvider - 1);
    expect(after.waitingOnCustomer).toBe(before.waitingOnCustomer + 1);
  });

  it('waits on the proposer again once rejected, and on the approver after the revision', async () => {
    await post('security@sakura.example', `${STEP}/reject`, { reason: 'Quarantine first' });
    expect(await gateBlocker()).toMatchObject({ state: 'rejected' });
    await expectWaitingOn('provider');
    await post('lead@mdr.example', `${STEP}/proposals`, { note: 'Quarantine first' }, 201);
    await expectWaitingOn('customer');
  });

  it('waits on the proposer when the approved plan changed (stale, proposal outdated)', async () => {
    await post('security@sakura.example', `${STEP}/approve`);
    await t
      .http()
      .put(`/api/engagements/${engagementId}/security-products/plan`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({ product: 'Legacy AV', action: 'coexist', quarantines: true })
      .expect(200);
    expect(await gateBlocker()).toMatchObject({ state: 'stale' });
    await expectWaitingOn('provider');
    await post('lead@mdr.example', `${STEP}/proposals`, {}, 201);
    await expectWaitingOn('customer');
  });

  it('corrects rows kept under the old attribution (the migration), and down restores them', async () => {
    await post('security@sakura.example', `${STEP}/reject`, { reason: 'One more change' });
    await expectWaitingOn('provider');
    const kept = await row();
    const migration = new WaitOnProposers1765700000000();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const old = await row();
      expect(old.blockers.find((b) => b.key === STEP)).toMatchObject({ party: 'customer' });
      const { mismatches } = await t.app.get(ProgressVerification).mismatches(t.dataSource.manager);
      expect(mismatches.map((m) => m.onboardingId)).toContain(id);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    // The same figures and blockers (due days included) as the keeper wrote.
    expect(await row()).toEqual(kept);
    await expectWaitingOn('provider');
  });

  it("counts the summary chart's overdue steps by who is waited on, as the rows name them", async () => {
    // The step is rejected (the test above): it waits on its proposer, the provider. Past its due
    // day it is overdue, and the chart counts it for the provider, not for its own party.
    expect(await gateBlocker()).toMatchObject({ state: 'rejected' });
    const clock = t.app.get(Clock);
    clock.travelTo(new Date('2027-05-01T00:00:00Z'));
    try {
      // The session ends by the business clock: sign in again at the new time.
      const reader = portalAgent(t);
      await signIn(reader, 'am@mdr.example');
      const chart = async (): Promise<{ customer: number; provider: number }> => {
        const summary = await t
          .http()
          .get('/api/overview/summary')
          .set('Authorization', await tokens.for('am@mdr.example'))
          .expect(200);
        const html = (await reader.get('/overview').set('Accept-Language', 'en').expect(200)).text;
        const figure = /data-testid="chart-overdue">(.*?)<\/figure>/s.exec(html)?.[1] ?? '';
        const shown = /Customer: (\d+), MDR provider: (\d+)<\/title>/.exec(figure);
        // The page's chart draws the same figures as the API's summary.
        expect(shown?.slice(1).map(Number)).toEqual([
          summary.body.overdueStepsByParty.customer,
          summary.body.overdueStepsByParty.provider,
        ]);
        return summary.body.overdueStepsByParty;
      };
      const before = await chart();
      const rowBefore = await row();
      expect(before.provider).toBeGreaterThan(0);
      await post('lead@mdr.example', `${STEP}/proposals`, {}, 201);
      expect((await gateBlocker()).waitingOn.party).toBe('customer');
      const after = await chart();
      const rowAfter = await row();
      // The revision moves the step to the customer in the chart exactly as in the row.
      expect(after).toEqual({ customer: before.customer + 1, provider: before.provider - 1 });
      expect(rowAfter.waitingOnCustomer - rowBefore.waitingOnCustomer).toBe(1);
      expect(rowAfter.waitingOnProvider - rowBefore.waitingOnProvider).toBe(-1);
    } finally {
      clock.reset();
    }
  });
});
