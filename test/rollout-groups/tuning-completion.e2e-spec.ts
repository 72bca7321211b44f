// date-sensitive: the tuning period counts days in detect mode on the business clock
import { Clock } from '@app/platform';
import { Api, expectStatus } from '../agreements/support/agreements-driver';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
} from '../support/onboarding-driver';
import { driveUntilOpen } from '../support/signature-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { insertEndpoints } from './support/planning-fixtures';

const LEAD = 'lead@mdr.example';
const CUSTOMER = 'security@sakura.example';
const DAY_MS = 24 * 3600 * 1000;

describe('tuning_period_completed is measured: every group through the agreement’s days in detect mode, no open tuning entry', () => {
  let t: TestApp;
  let api: Api;
  let onboardingId: string;
  let base: string;
  const groups: Record<string, string> = {};

  const complete = () =>
    api
      .as(CUSTOMER)
      .post(`/api/onboardings/${onboardingId}/steps/tuning_period_completed/complete`, {});
  const travel = (days: number) => {
    const clock = t.app.get(Clock);
    clock.travelTo(new Date(clock.nowMs() + days * DAY_MS));
  };
  const blockers = async (): Promise<string[]> =>
    expectStatus(await api.as(LEAD).get(`/api/onboardings/${onboardingId}`), 200).body.steps.find(
      (s: { key: string }) => s.key === 'tuning_period_completed',
    ).completionBlockers;

  let engagementId: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    engagementId = await sakuraEngagementId(t, api.tokens);
    base = `/api/engagements/${engagementId}`;
    onboardingId = await createSakuraOnboarding(t, api.tokens);
    await proposeSakuraDocuments(t, api.tokens, engagementId);
    await insertEndpoints(t, engagementId, [
      { hostname: 'pc-1' },
      { hostname: 'srv-1', type: 'server' },
      { hostname: 'kiosk-1' },
    ]);
    const policy = (mode: string) => ({
      mode,
      quarantine: false,
      updates: 'automatic',
      maxConcurrentUpdates: 5,
    });
    for (const [name, priority, selection, mode] of [
      ['Kiosks', 5, { hostnames: ['kiosk-1'] }, 'block'],
      ['Servers', 10, { rule: { type: ['server'] } }, 'detect'],
      ['Office PCs', 20, { rule: { type: ['client'] } }, 'detect'],
    ] as const) {
      groups[name] = expectStatus(
        await api.as(LEAD).post(`${base}/groups`, {
          name,
          kind: 'production',
          priority,
          ...selection,
          policy: policy(mode),
        }),
        201,
      ).body.id;
    }
    // The agreement (approved on the way) asks for 30 days of tuning.
    await driveUntilOpen(
      t,
      api.tokens,
      onboardingId,
      engagementId,
      'tuning_period_completed',
      steps,
      drive,
    );
  }, 180_000);
  afterAll(() => t.close());

  it('refuses right after the groups entered detect mode, saying how many days remain and which groups are behind (409)', async () => {
    const refused = await complete();
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({
      tuningPeriod: { days: 30, source: 'agreement' },
      daysRemaining: 30,
    });
    expect(
      refused.body.details.groupsBehind.map(
        (g: { groupName: string; daysRemaining: number; blockWithoutTuning: boolean }) => [
          g.groupName,
          g.daysRemaining,
          g.blockWithoutTuning,
        ],
      ),
    ).toEqual([
      ['Kiosks', 0, true],
      ['Servers', 30, false],
      ['Office PCs', 30, false],
    ]);
    // The security lead reads Japanese; the provider lead's onboarding view says it in English.
    expect(refused.body.message).toContain(
      '3 グループのうち 3 グループが 30 日間のチューニング期間を終えていません（残り 30 日）',
    );
    expect(await blockers()).toEqual([
      '3 of 3 groups have not finished the 30-day tuning period (30 day(s) remain)',
      'Group "Kiosks" was put in block mode by design, without a tuning period in detect mode',
      'Group "Servers" has 30 of the 30 days of tuning in detect mode left',
      'Group "Office PCs" has 30 of the 30 days of tuning in detect mode left',
    ]);
  });

  it('counts the days on the business clock and names open tuning entries', async () => {
    // The kiosks start their tuning too: detect mode from now.
    expectStatus(
      await api.as(LEAD).put(`${base}/groups/${groups.Kiosks}/policy`, {
        mode: 'detect',
        quarantine: false,
        updates: 'automatic',
        maxConcurrentUpdates: 5,
      }),
      200,
    );
    expectStatus(
      await api.as(LEAD).post(`${base}/tuning-log`, {
        groupId: groups['Office PCs'],
        detectionName: 'Suspicious PowerShell',
        process: 'erp-sync.ps1',
      }),
      201,
    );
    // The policy change made the approved design stale (and what depends on it waits again):
    // the customer approves the changed design, and the task opens again.
    await driveUntilOpen(
      t,
      api.tokens,
      onboardingId,
      engagementId,
      'tuning_period_completed',
      steps,
      drive,
    );
    travel(20);
    const refused = await complete();
    expect(refused.status).toBe(409);
    expect(refused.body.details.daysRemaining).toBe(10);
    expect(await blockers()).toEqual([
      '3 of 3 groups have not finished the 30-day tuning period (10 day(s) remain)',
      'Group "Kiosks" has 10 of the 30 days of tuning in detect mode left',
      'Group "Servers" has 10 of the 30 days of tuning in detect mode left',
      'Group "Office PCs" has 10 of the 30 days of tuning in detect mode left',
      'Group "Office PCs" has 1 open tuning log entry',
    ]);
  });

  it('counts a group switched to block through an approved mode switch as tuned; the open entry still holds the task', async () => {
    travel(10);
    const request = expectStatus(
      await api.as(LEAD).post(`${base}/groups/${groups.Kiosks}/mode-switch`, {}),
      201,
    ).body;
    expectStatus(
      await api
        .as(CUSTOMER)
        .post(`${base}/groups/${groups.Kiosks}/mode-switch/${request.id}/approve`, {}),
      200,
    );
    const refused = await complete();
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({
      daysRemaining: 0,
      groupsBehind: [{ groupName: 'Office PCs', daysRemaining: 0, openEntries: 1 }],
    });
    expect(await blockers()).toEqual([
      '1 of 3 groups have not finished the 30-day tuning period',
      'Group "Office PCs" has 1 open tuning log entry',
    ]);
  });

  it('completes once the last entry is closed, and the view no longer lists blockers', async () => {
    const [entry] = expectStatus(await api.as(LEAD).get(`${base}/tuning-log`), 200).body;
    expectStatus(
      await api
        .as(LEAD)
        .patch(`${base}/tuning-log/${entry.id}`, { decision: 'exclusion', status: 'closed' }),
      200,
    );
    expect(await blockers()).toEqual([]);
    expectStatus(await complete(), 200);
    const step = expectStatus(
      await api.as(LEAD).get(`/api/onboardings/${onboardingId}`),
      200,
    ).body.steps.find((s: { key: string }) => s.key === 'tuning_period_completed');
    expect(step.state).toBe('done');
  });
});
