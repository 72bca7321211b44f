import { Clock } from '@app/platform';
import { daysPast, forecastStart } from '@app/workflow';
import {
  createSakuraOnboarding,
  drive,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { PortalAgent, portalAgent, signIn, textOf } from '../portal/portal-client';

interface Row {
  onboardingId: string;
  status: string;
  requiredDone: number;
  percentDone: number;
  blockers: { key: string }[];
  daysInPhase: number;
  nextDueAt: string | null;
  plannedStartDate: string;
  forecastStartDate: string;
  slippageDays: number;
}

// The overview keeps no answers between requests: what it shows derives from the kept progress
// of the moment (the page's words are written per page, step titles per template version). A
// step decided between two requests shows on the next one, in the API and on the page.
describe('overview freshness', () => {
  let t: TestApp;
  let tokens: Tokens;
  let am: PortalAgent;
  let sakura: string;

  const apiRow = async (): Promise<Row> => {
    const body = (
      await t
        .http()
        .get('/api/overview')
        .set('Authorization', await tokens.for('am@mdr.example'))
        .expect(200)
    ).body as { items: Row[] };
    const row = body.items.find((r) => r.onboardingId === sakura);
    if (!row) throw new Error('Sakura is not in the overview');
    return row;
  };
  /** The text of the page's row for Sakura. */
  const pageRow = async (): Promise<string> => {
    const html = (await am.get('/overview').expect(200)).text;
    const row = [...html.matchAll(/<tr data-testid="overview-row">([\s\S]*?)<\/tr>/g)]
      .map((m) => m[1])
      .find((r) => r.includes(`/onboardings/${sakura}`));
    if (!row) throw new Error('Sakura is not on the overview page');
    return textOf(row);
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakura = await createSakuraOnboarding(t, tokens, '2027-06-01');
    am = portalAgent(t);
    await signIn(am, 'am@mdr.example');
  });
  afterAll(() => t?.close());

  it('shows a step decided between two requests on the next one (API and page)', async () => {
    const before = await apiRow();
    const pageBefore = await pageRow();
    const open = (await steps(t, tokens, sakura)).find(
      (s) =>
        s.state === 'open' &&
        s.requiredForStart &&
        s.type !== 'automatic_check' &&
        !s.decidedIn &&
        before.blockers.some((b) => b.key === s.key),
    );
    if (!open) throw new Error('no open required step to decide');
    await drive(t, tokens, sakura, open, await sakuraEngagementId(t, tokens));

    const after = await apiRow();
    expect(after.requiredDone).toBe(before.requiredDone + 1);
    expect(after.blockers.map((b) => b.key)).not.toContain(open.key);
    const pageAfter = await pageRow();
    expect(pageAfter).not.toBe(pageBefore);
    expect(pageAfter).toContain(`(${after.requiredDone} of`);
    expect(pageBefore).toContain(`(${before.requiredDone} of`);
  });

  it('derives days in phase, slippage and the forecast start by the rule the readiness summary uses', async () => {
    const clock = t.app.get(Clock);
    for (const at of [
      '2027-05-01T00:00:00Z',
      '2027-05-20T13:45:10.123Z',
      '2027-07-03T23:59:59.999Z',
    ]) {
      clock.travelTo(new Date(at));
      const row = await apiRow();
      const now = clock.now();
      const nextDueAt = row.nextDueAt ? new Date(row.nextDueAt) : null;
      expect(row.nextDueAt).toBe(nextDueAt?.toISOString() ?? null);
      const forecast = forecastStart(
        row.plannedStartDate,
        row.status === 'active' ? null : nextDueAt,
        now,
      );
      expect(row.slippageDays).toBeGreaterThan(0);
      expect({ date: row.forecastStartDate, slippageDays: row.slippageDays }).toEqual(forecast);
      const entered = (await t.dataSource.query(
        'SELECT phase_entered_at FROM onboarding_progress WHERE onboarding_id = $1',
        [sakura],
      )) as { phase_entered_at: Date }[];
      expect(row.daysInPhase).toBe(daysPast(entered[0].phase_entered_at, now));
    }
  });
});
