// date-sensitive: the nightly classification refresh makes an approval stale as support ends come near (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { AuditRecord } from '@app/audit';
import { MAIL_QUEUE } from '@app/notify';
import { Clock, redisOptionsFromUrl } from '@app/platform';
import { CLASSIFICATION_REFRESH_SCHEDULER, ClassificationRefreshHandler } from '@app/rollout';
import { Queue } from 'bullmq';
import { createAgreementObjects, providerIdOf } from '../agreements/support/agreements-driver';
import { sampleCatalogue } from '../agreements/support/fixtures';
import { csv, upload } from '../rollout/support/inventory-csv';
import {
  createSakuraOnboarding,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';

const DAY = 86_400_000;
const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';
const IT = 'it-jp@sakura.example';

/*
 * Automatic checks decide themselves: when they open, and whenever their inputs change (in that
 * change's transaction). Nobody completes them. Where the date is an input (support end dates),
 * a nightly refresh classifies the inventory again, and what was approved on the old
 * classification goes stale.
 */
describe('automatic checks evaluate themselves; the nightly refresh follows the date', () => {
  let t: TestApp;
  let tokens: Tokens;
  let engagementId: string;
  let onboardingId: string;
  let catalogue: string;
  const step = async (key: string) =>
    (await steps(t, tokens, onboardingId)).find((s) => s.key === key)!;
  const post = async (email: string, path: string, body: object = {}) =>
    t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/${path}`)
      .set('Authorization', await tokens.for(email))
      .send(body);

  beforeAll(async () => {
    t = await startTestApp({ seed: true, withWorker: true });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    // The provider's catalogue meets the agreement it proposed: the requirements check will pass.
    await createAgreementObjects(t, {
      engagementId,
      providerId: await providerIdOf(t),
      providerLead: LEAD,
      emailDomain: 'sakura.example',
      password: TEST_PASSWORD,
    });
    catalogue = `/api/providers/${await providerIdOf(t)}/catalogue`;
  });
  afterAll(() => t.close());

  it('a check that passes when it opens is done at once, in the transaction that opened it; nobody completes it', async () => {
    expect((await step('provider_requirements_check')).state).toBe('blocked');
    expect((await post(SECURITY, 'mdr_requirements_defined/complete')).status).toBe(200);
    const check = await step('provider_requirements_check');
    expect(check.state).toBe('done');
    const history = await t.dataSource.query(
      `SELECT action FROM onboarding_event WHERE onboarding_id = $1 AND step_key = 'provider_requirements_check' ORDER BY id`,
      [onboardingId],
    );
    expect(history.map((e: { action: string }) => e.action)).toEqual(['unblocked', 'check_passed']);
    expect(check.actions).not.toContain('complete');
    const refused = await post(LEAD, 'provider_requirements_check/complete');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('automatic check');
  });

  it('an input change that makes it fail reopens it with the reason, on the gate, and the fix closes it again', async () => {
    await t
      .http()
      .put(catalogue)
      .set('Authorization', await tokens.for(LEAD))
      .send({ ...sampleCatalogue(), languages: ['en'] })
      .expect(200);
    const reopened = await step('provider_requirements_check');
    expect(reopened.state).toBe('open');
    expect(reopened.reason).toContain('ja');
    const refused = await post(LEAD, 'provider_requirements_check/complete');
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons.join(' ')).toContain('ja');
    const gate = await t
      .http()
      .get(`/api/onboardings/${onboardingId}/gate`)
      .set('Authorization', await tokens.for(LEAD))
      .expect(200);
    const blockers = gate.body.blockers.filter(
      (b: { stepKey: string }) => b.stepKey === 'provider_requirements_check',
    );
    expect(blockers.length).toBeGreaterThan(0);
    expect(
      blockers.every(
        (b: { failedCheck: boolean; waitingOn: { role: string } }) =>
          b.failedCheck && b.waitingOn.role === 'provider_lead',
      ),
    ).toBe(true);

    await t
      .http()
      .put(catalogue)
      .set('Authorization', await tokens.for(LEAD))
      .send(sampleCatalogue())
      .expect(200);
    expect((await step('provider_requirements_check')).state).toBe('done');
  });

  it('registers the nightly classification refresh as a job scheduler on the worker’s queue', async () => {
    const queue = new Queue(MAIL_QUEUE, {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t.config.queuePrefix,
    });
    try {
      const scheduler = (await queue.getJobSchedulers(0, -1)).find(
        (s) => s.key === CLASSIFICATION_REFRESH_SCHEDULER,
      );
      expect(scheduler).toMatchObject({
        name: 'classification-refresh',
        pattern: '5 0 * * *',
        tz: 'UTC',
      });
    } finally {
      await queue.close();
    }
  });

  it('the nightly refresh classifies as of the new day: a support end within reach makes the approved decisions stale', async () => {
    // Ubuntu 22.04's standard support ends on 2027-06-01: supported now (2026-11), ending soon in 2027.
    await upload(
      t,
      await tokens.for(IT),
      engagementId,
      csv(['sh-srv-001,server,linux,Ubuntu 22.04,6.8.0-40-generic,Shanghai,CN,,']),
    ).expect(200);
    expect((await endpoint('sh-srv-001')).supportStatus).toBe('supported');
    expect((await post(IT, 'endpoint_inventory/complete')).status).toBe(200);
    // Nothing needs a decision: the provider proposes the (empty) set, the security lead approves it.
    expect((await post(LEAD, 'unsupported_os_decisions/proposals')).status).toBe(201);
    expect((await post(SECURITY, 'unsupported_os_decisions/approve')).status).toBe(200);
    expect((await step('unsupported_os_decisions')).state).toBe('done');

    // A night with nothing changed rewrites nothing and records nothing.
    const audits = async () =>
      t.dataSource
        .getRepository(AuditRecord)
        .countBy({ engagementId, action: 'endpoint.reclassified' });
    const before = await audits();
    await refresh();
    expect(await audits()).toBe(before);
    expect((await step('unsupported_os_decisions')).state).toBe('done');

    // Four months later 2027-06-01 is within 180 days: that night's run classifies the server
    // as ending soon, and the approval of "nothing needs a decision" is stale.
    const clocks = [t.app.get(Clock), t.worker!.get(Clock)];
    const travel = (days: number) =>
      clocks.forEach((clock) => clock.travelTo(new Date(clock.nowMs() + days * DAY)));
    travel(120);
    try {
      await refresh();
      expect((await endpoint('sh-srv-001')).supportStatus).toBe('eol_soon');
      expect((await step('unsupported_os_decisions')).state).toBe('stale');
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
    const list = await t
      .http()
      .get(`/api/engagements/${engagementId}/endpoints?q=${hostname}`)
      .set('Authorization', await tokens.for(LEAD))
      .expect(200);
    return list.body.items[0];
  }
});
