// date-sensitive: the nightly classification refresh reopens a check as support ends come near (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { AuditRecord } from '@app/audit';
import { MAIL_QUEUE } from '@app/notify';
import { Clock, redisOptionsFromUrl } from '@app/platform';
import { CLASSIFICATION_REFRESH_SCHEDULER, ClassificationRefreshHandler } from '@app/rollout';
import { Queue } from 'bullmq';
import { csv, upload } from '../rollout/support/inventory-csv';
import { createSakuraOnboarding, sakuraEngagementId, steps, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';

const DAY = 86_400_000;
const LEAD = 'lead@mdr.example';
const IT = 'it-jp@sakura.example';

/*
 * Automatic checks decide themselves: when they open, whenever their inputs change (in that
 * change's transaction) and every night where the date is an input. Nobody completes them.
 */
describe('automatic checks evaluate themselves', () => {
  let t: TestApp;
  let tokens: Tokens;
  let engagementId: string;
  let onboardingId: string;
  const step = async (key: string) => (await steps(t, tokens, onboardingId)).find((s) => s.key === key)!;
  const complete = async (email: string, key: string) =>
    t.http().post(`/api/onboardings/${onboardingId}/steps/${key}/complete`).set('Authorization', await tokens.for(email)).send({});

  beforeAll(async () => {
    t = await startTestApp({ seed: true, withWorker: true });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
  });
  afterAll(() => t.close());

  it('a check that passes when it opens is done at once, in the transaction that opened it', async () => {
    // One endpoint whose sensor support lasts (Windows Server 2022): nothing needs a decision.
    await upload(t, await tokens.for(IT), engagementId, csv(['osk-srv-002,server,windows,Windows Server 2022,,Osaka,JP,,core'])).expect(200);
    expect((await step('unsupported_os_decisions')).state).toBe('blocked');
    expect((await complete(IT, 'endpoint_inventory')).status).toBe(200);
    const check = await step('unsupported_os_decisions');
    expect(check.state).toBe('done');
    const history = await t.dataSource.query(
      `SELECT action FROM onboarding_event WHERE onboarding_id = $1 AND step_key = 'unsupported_os_decisions' ORDER BY id`,
      [onboardingId],
    );
    expect(history.map((e: { action: string }) => e.action)).toEqual(['unblocked', 'check_passed']);
    // Nobody is offered, or allowed, to complete it.
    expect(check.actions).not.toContain('complete');
    const refused = await complete('security@sakura.example', 'unsupported_os_decisions');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('automatic check');
  });

  it('an input change that makes it fail reopens it with the reason, and the fix closes it again', async () => {
    // Windows 7 is out of support: it needs a decision.
    await upload(t, await tokens.for(IT), engagementId, csv(['osk-srv-002,server,windows,Windows Server 2022,,Osaka,JP,,core', 'tky-pc-002,client,windows,Windows 7,,Tokyo,JP,,office'])).expect(200);
    const reopened = await step('unsupported_os_decisions');
    expect(reopened.state).toBe('open');
    expect(reopened.reason).toContain('tky-pc-002');
    const refused = await complete('security@sakura.example', 'unsupported_os_decisions');
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons.join(' ')).toContain('tky-pc-002');
    const gate = await t.http().get(`/api/onboardings/${onboardingId}/gate`).set('Authorization', await tokens.for(LEAD)).expect(200);
    const blockers = gate.body.blockers.filter((b: { stepKey: string }) => b.stepKey === 'unsupported_os_decisions');
    expect(blockers.map((b: { reason: string; failedCheck: boolean }) => [b.failedCheck, b.reason.includes('tky-pc-002')])).toEqual([[true, true]]);

    // The security lead records a decision for it: that transaction re-runs the check.
    const decision = await t.http().post(`/api/engagements/${engagementId}/endpoint-decisions`).set('Authorization', await tokens.for('security@sakura.example'))
      .send({ kind: 'exclude', note: 'retired in March', endpointIds: [await endpointId('tky-pc-002')] });
    expect(decision.status).toBe(201);
    expect((await step('unsupported_os_decisions')).state).toBe('done');
  });

  it('the nightly refresh classifies as of the new day: support ending within reach reopens the check', async () => {
    // Ubuntu 22.04's standard support ends on 2027-06-01: supported now (2026-11), ending soon in 2027.
    await upload(t, await tokens.for(IT), engagementId, csv(['sh-srv-001,server,linux,Ubuntu 22.04,6.8.0-40-generic,Shanghai,CN,,']), '').expect(200);
    expect((await endpoint('sh-srv-001')).supportStatus).toBe('supported');
    expect((await step('unsupported_os_decisions')).state).toBe('done');

    // The refresh is registered as a nightly job scheduler on the worker's queue.
    const queue = new Queue(MAIL_QUEUE, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: t.config.queuePrefix });
    try {
      const scheduler = (await queue.getJobSchedulers(0, -1)).find((s) => s.key === CLASSIFICATION_REFRESH_SCHEDULER);
      expect(scheduler).toMatchObject({ name: 'classification-refresh', pattern: '5 0 * * *', tz: 'UTC' });
    } finally {
      await queue.close();
    }

    // A night comes with nothing changed: nothing is rewritten and nothing is audited.
    const audits = async () => t.dataSource.getRepository(AuditRecord).countBy({ engagementId, action: 'endpoint.reclassified' });
    const before = await audits();
    await refresh();
    expect(await audits()).toBe(before);

    // Four months later, 2027-06-01 is within 180 days: the night's run reopens the check.
    const clocks = [t.app.get(Clock), t.worker!.get(Clock)];
    const travel = (days: number) => clocks.forEach((clock) => clock.travelTo(new Date(clock.nowMs() + days * DAY)));
    travel(120);
    try {
      await refresh();
      expect((await endpoint('sh-srv-001')).supportStatus).toBe('eol_soon');
      const check = await step('unsupported_os_decisions');
      expect(check.state).toBe('open');
      expect(check.reason).toContain('sh-srv-001');
      expect(await audits()).toBe(before + 1);
    } finally {
      travel(-120);
    }
  });

  /** What the worker runs when the scheduler fires at night (the worker hosts the handler). */
  async function refresh(): Promise<void> {
    await t.worker!.get(ClassificationRefreshHandler).handle();
  }

  async function endpoint(hostname: string): Promise<{ id: string; supportStatus: string }> {
    const list = await t.http().get(`/api/engagements/${engagementId}/endpoints?q=${hostname}`).set('Authorization', await tokens.for(LEAD)).expect(200);
    return list.body.items[0];
  }

  async function endpointId(hostname: string): Promise<string> {
    return (await endpoint(hostname)).id;
  }
});
