// date-sensitive: overdue figures and forecast slippage (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { Clock } from '@app/platform';
import { ProgressVerification } from '@app/workflow';
import {
  createSakuraOnboarding,
  driveToReady,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { cliEnvOf, runCli } from '../support/run-cli';
import { startTestApp, TestApp } from '../support/test-app';

interface Row {
  onboardingId: string;
  customerName: string;
  status: string;
  phase: string;
  requiredDone: number;
  requiredTotal: number;
  percentDone: number;
  waitingOnCustomer: number;
  waitingOnProvider: number;
  blockers: { key: string; party: string }[];
  overdueSteps: number;
  slippageDays: number;
  forecastStartDate: string;
  plannedStartDate: string;
}

describe('account manager overview (kept progress)', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakura: string;
  let northwind: string;
  let sakuraEngagement: string;

  const overview = async (
    query = '',
    who = 'am@mdr.example',
  ): Promise<{ items: Row[]; total: number }> =>
    (
      await t
        .http()
        .get(`/api/overview${query}`)
        .set('Authorization', await tokens.for(who))
        .expect(200)
    ).body;
  const rowOf = async (id: string, query = ''): Promise<Row> => {
    const row = (await overview(query)).items.find((r) => r.onboardingId === id);
    if (!row) throw new Error(`onboarding ${id} is not in the overview`);
    return row;
  };
  const consistent = async (): Promise<void> => {
    const { checked, mismatches } = await t.app
      .get(ProgressVerification)
      .mismatches(t.dataSource.manager);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(2);
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakuraEngagement = await sakuraEngagementId(t, tokens);
    sakura = await createSakuraOnboarding(t, tokens, '2027-06-01');
    const lead = await tokens.for('lead@mdr.example');
    const engagements = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', lead)
      .expect(200);
    const northwindEngagement = engagements.body.items.find(
      (e: { customerName: string }) => e.customerName === 'Northwind Retail',
    ).id;
    northwind = (
      await t
        .http()
        .post('/api/onboardings')
        .set('Authorization', lead)
        .send({
          engagementId: northwindEngagement,
          templateKey: 'edr-mdr-onboarding',
          plannedStartDate: '2027-03-01',
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    t.app.get(Clock).reset();
    await t?.close();
  });

  it('shows each onboarding with figures equal to its steps, and who is waited on', async () => {
    const list = await steps(t, tokens, sakura);
    const required = list.filter((s) => s.requiredForStart);
    const waiting = required.filter((s) => ['open', 'stale', 'rejected'].includes(s.state));
    const row = await rowOf(sakura);
    expect(row).toMatchObject({
      customerName: 'Sakura Manufacturing',
      status: 'in_progress',
      phase: 'introduction',
      requiredTotal: required.length,
      requiredDone: 0,
      percentDone: 0,
      waitingOnCustomer: waiting.filter((s) => s.party === 'customer').length,
      waitingOnProvider: waiting.filter((s) => s.party === 'provider').length,
      plannedStartDate: '2027-06-01',
    });
    for (const blocker of row.blockers) expect(waiting.map((s) => s.key)).toContain(blocker.key);
    expect(row.blockers.length).toBe(Math.min(5, waiting.length));
    await consistent();
  });

  it('keeps the figures in step with every change, through to the service start', async () => {
    await proposeSakuraDocuments(t, tokens, sakuraEngagement);
    await consistent();
    await driveToReady(t, tokens, sakura, sakuraEngagement);
    const ready = await rowOf(sakura);
    expect(ready.requiredDone).toBe(ready.requiredTotal);
    expect(ready.percentDone).toBe(100);
    expect(ready.waitingOnCustomer + ready.waitingOnProvider).toBe(0);
    expect(ready.blockers).toEqual([]);
    await t
      .http()
      .post(`/api/onboardings/${sakura}/start-service`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(201);
    expect((await rowOf(sakura)).status).toBe('active');
    await consistent();
  });

  it('detects kept figures that drifted from the steps (test and CLI)', async () => {
    await t.dataSource.query(
      `UPDATE onboarding_step SET state = 'done' WHERE onboarding_id = $1 AND key = 'mdr_requirements_defined'`,
      [northwind],
    );
    const { mismatches } = await t.app.get(ProgressVerification).mismatches(t.dataSource.manager);
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0].onboardingId).toBe(northwind);
    expect(Object.keys(mismatches[0].differences)).toEqual(
      expect.arrayContaining(['required_done']),
    );
    const cli = runCli(['verify-progress'], cliEnvOf(t));
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(northwind);
    await t.dataSource.query(
      `UPDATE onboarding_step SET state = 'open' WHERE onboarding_id = $1 AND key = 'mdr_requirements_defined'`,
      [northwind],
    );
    const fixed = runCli(['verify-progress'], cliEnvOf(t));
    expect(fixed.stdout).toContain('consistent');
    expect(fixed.status).toBe(0);
  });

  it('filters, sorts and pages; overdue and the forecast follow the clock', async () => {
    expect((await overview('?status=active')).items.map((r) => r.onboardingId)).toEqual([sakura]);
    expect((await overview('?q=northwind')).items.map((r) => r.onboardingId)).toEqual([northwind]);
    expect((await overview('?waitingOn=customer')).items.map((r) => r.onboardingId)).toEqual([
      northwind,
    ]);
    expect(
      (await overview('?sort=progress&direction=desc')).items.map((r) => r.onboardingId),
    ).toEqual([sakura, northwind]);
    const paged = await overview('?sort=progress&direction=desc&limit=1&offset=1');
    expect(paged).toMatchObject({ total: 2, items: [{ onboardingId: northwind }] });
    expect((await overview('?overdue=true')).total).toBe(0);

    t.app.get(Clock).travelTo(new Date('2027-05-01T00:00:00Z'));
    const late = await rowOf(northwind, '?overdue=true');
    expect(late.overdueSteps).toBeGreaterThan(0);
    expect(late.slippageDays).toBeGreaterThan(0);
    expect(late.forecastStartDate > late.plannedStartDate).toBe(true);
    const summary = (
      await t
        .http()
        .get('/api/overview/summary')
        .set('Authorization', await tokens.for('am@mdr.example'))
        .expect(200)
    ).body;
    expect(summary).toMatchObject({ onboardings: 2, byPhase: { introduction: 1, active: 1 } });
    expect(summary.overdueStepsByParty.customer + summary.overdueStepsByParty.provider).toBe(
      late.overdueSteps,
    );
    t.app.get(Clock).reset();
  });

  it('exports the same rows as CSV', async () => {
    const response = await t
      .http()
      .get('/api/overview/export.csv?sort=progress&direction=desc')
      .set('Authorization', await tokens.for('am@mdr.example'))
      .expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',')[0]).toBe('customer');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Sakura Manufacturing');
    expect(lines[1]).toContain(sakura);
    expect(lines[2]).toContain(northwind);
  });

  it('is for provider leads, account managers and platform admins, each seeing only their engagements', async () => {
    // The platform admin sees every customer's onboarding, as on the portal's overview page.
    const all = await t
      .http()
      .get('/api/overview')
      .set('Authorization', await tokens.for('admin@portal.example'))
      .expect(200);
    expect(all.body.items.map((i: { onboardingId: string }) => i.onboardingId)).toEqual(
      expect.arrayContaining([sakura, northwind]),
    );
    await t
      .http()
      .get('/api/overview')
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(403);
    await t
      .http()
      .get('/api/overview/summary')
      .set('Authorization', await tokens.for('analyst@mdr.example'))
      .expect(403);
    await t.dataSource.query(
      `DELETE FROM engagement_assignment WHERE engagement_id = (SELECT engagement_id FROM onboarding WHERE id = $1)`,
      [northwind],
    );
    expect((await overview()).items.map((r) => r.onboardingId)).toEqual([sakura]);
    expect((await overview('', 'lead@mdr.example')).total).toBe(2);
  });

  it('names the bad parameter', async () => {
    const response = await t
      .http()
      .get('/api/overview?sort=fastest')
      .set('Authorization', await tokens.for('am@mdr.example'))
      .expect(400);
    expect(JSON.stringify(response.body)).toContain('sort');
  });
});
