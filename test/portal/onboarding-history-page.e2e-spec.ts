import { formatMoment } from '@app/platform';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { PortalAgent, portalAgent, signIn, textOf } from './portal-client';

// The onboarding page shows the newest history events and links the whole history, which has its
// own pages (50 events a page, newest first), in the reader's language and zone, tenant-scoped.
const ROUNDS = 70;
const FIRST_AT = Date.UTC(2027, 0, 15, 0, 0);

/** The history items of a page, in order, as text. */
function itemsOf(html: string): string[] {
  return [...html.matchAll(/<li class="history__item"[\s\S]*?<\/li>/g)].map((m) => textOf(m[0]));
}

describe('onboarding history', () => {
  let test: TestApp;
  let tokens: Tokens;
  let onboardingId: string;
  let total: number;
  let customer: PortalAgent;
  const historyPath = (page?: number): string =>
    `/onboardings/${onboardingId}/history${page ? `?page=${page}` : ''}`;
  /** A link as the page writes it (Handlebars escapes "="). */
  const href = (page?: number): string => `href="${historyPath(page).replace('=', '&#x3D;')}"`;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    tokens = new Tokens(test);
    onboardingId = await createSakuraOnboarding(test, tokens);
    // Many recorded events, one a minute, each with its round in its reason.
    await test.dataSource.query(
      `INSERT INTO onboarding_event (onboarding_id, step_key, action, from_state, to_state, reason, at)
       SELECT $1, 'bandwidth_survey', 'reopened', 'done', 'open', 'round ' || n,
              to_timestamp(($2::bigint + n * 60000) / 1000.0)
       FROM generate_series(1, $3::int) n`,
      [onboardingId, FIRST_AT, ROUNDS],
    );
    const [{ n }] = (await test.dataSource.query(
      'SELECT count(*)::int AS n FROM onboarding_event WHERE onboarding_id = $1',
      [onboardingId],
    )) as { n: number }[];
    total = n;
    customer = portalAgent(test);
    await signIn(customer, 'security@sakura.example');
  });

  afterAll(async () => {
    await test?.close();
  });

  it('shows the newest 20 events on the onboarding page and links the whole history', async () => {
    const page = (await customer.get(`/onboardings/${onboardingId}`).expect(200)).text;
    const items = itemsOf(page);
    expect(items).toHaveLength(20);
    expect(items[0]).toContain(`round ${ROUNDS}`);
    expect(items[19]).toContain(`round ${ROUNDS - 19}`);
    expect(page).not.toContain(`round ${ROUNDS - 20}<`);
    expect(textOf(page)).toContain(`最新 20 件（全 ${total} 件）`);
    expect(page).toContain(`${href()} data-testid="history-all"`);
    // The JSON API keeps its whole history.
    const json = await test
      .http()
      .get(`/api/onboardings/${onboardingId}`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    expect((json.body as { history: unknown[] }).history).toHaveLength(total);
  });

  it('pages the whole history, newest first, 50 a page, in the reader language and zone', async () => {
    const first = (await customer.get(historyPath()).expect(200)).text;
    expect(first).toContain('<html lang="ja"');
    expect(textOf(first)).toContain('オンボーディング履歴: Sakura Manufacturing');
    expect(textOf(first)).toContain(`${total} 件中 1〜50 件目`);
    const items = itemsOf(first);
    expect(items).toHaveLength(50);
    expect(items[0]).toContain(`round ${ROUNDS}`);
    expect(items[49]).toContain(`round ${ROUNDS - 49}`);
    const newest = new Date(FIRST_AT + ROUNDS * 60_000);
    expect(items[0]).toContain(formatMoment(newest, { language: 'ja', timeZone: 'Asia/Tokyo' }));
    expect(first).toContain(`${href(2)} rel="next"`);
    expect(first).not.toContain('rel="prev"');
    // A step's link goes to its card on the onboarding page.
    expect(first).toContain(`href="/onboardings/${onboardingId}#step-bandwidth_survey"`);

    const second = (await customer.get(historyPath(2)).expect(200)).text;
    const rest = itemsOf(second);
    expect(rest).toHaveLength(total - 50);
    expect(rest[0]).toContain(`round ${ROUNDS - 50}`);
    expect(second).toContain(`${href()} rel="prev"`);
    expect(second).not.toContain('rel="next"');
    // Past the end: no events, still the page.
    expect(itemsOf((await customer.get(historyPath(9)).expect(200)).text)).toHaveLength(0);

    // Another reader: Chinese, in Shanghai's zone.
    const chinese = portalAgent(test);
    await signIn(chinese, 'it-cn@sakura.example');
    const zh = (await chinese.get(historyPath()).expect(200)).text;
    expect(textOf(zh)).toContain('入驻历史记录: Sakura Manufacturing');
    expect(itemsOf(zh)[0]).toContain(
      formatMoment(newest, { language: 'zh', timeZone: 'Asia/Shanghai' }),
    );
    // And the provider lead in English.
    const lead = portalAgent(test);
    await signIn(lead, 'lead@mdr.example');
    const en = (await lead.get(historyPath(2)).expect(200)).text;
    expect(textOf(en)).toContain(`Events 51–${total} of ${total}`);
    expect(textOf(en)).toContain('Newer events');
  });

  it("answers 404 for another tenant's onboarding and 400 for a page that is not a number", async () => {
    const other = portalAgent(test);
    await signIn(other, 'security@northwind.example');
    await other.get(historyPath()).expect(404);
    await other.get(historyPath(2)).expect(404);
    await customer.get(`/onboardings/${onboardingId}/history?page=0`).expect(400);
    await customer.get(`/onboardings/${onboardingId}/history?page=two`).expect(400);
  });

  it('shows the newest event right after a change', async () => {
    await test
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/endpoint_inventory/complete`)
      .set('Authorization', await tokens.for('it-jp@sakura.example'))
      .send({})
      .expect(200);
    // Completing records the completion and the steps it unblocks, all newer than the rounds.
    const added = (await test.dataSource.query(
      `SELECT action FROM onboarding_event WHERE onboarding_id = $1 ORDER BY id DESC LIMIT 10`,
      [onboardingId],
    )) as { action: string }[];
    const fresh = added.findIndex((e) => e.action === 'reopened');
    expect(added.slice(0, fresh).map((e) => e.action)).toContain('completed');
    const page = (await customer.get(`/onboardings/${onboardingId}`).expect(200)).text;
    const items = itemsOf(page);
    expect(items).toHaveLength(20);
    const completed = items.findIndex((item) => /完了\s*:\s*端末インベントリの取り込み/.test(item));
    expect(completed).toBeGreaterThanOrEqual(0);
    expect(completed).toBeLessThan(fresh);
    expect(items[completed]).toContain('鈴木 一郎');
    expect(items[fresh]).toContain(`round ${ROUNDS}`);
    expect(textOf(page)).toContain(`全 ${total + fresh} 件`);
    const first = itemsOf((await customer.get(historyPath()).expect(200)).text);
    expect(first.slice(0, fresh)).toEqual(items.slice(0, fresh));
  });
});
