import ICAL from 'ical.js';
import { createHash } from 'node:crypto';
import { CALENDAR_FEED_RATE_LIMIT } from '../../apps/api/src/portal/calendar/calendar-feed.controller';
import { csrfTokenIn, portalAgent, PortalAgent, signIn, textOf } from '../portal/portal-client';
import { createSakuraOnboarding, sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { inspect } from '../support/page-inspection';
import { startTestApp, TestApp } from '../support/test-app';
import { testClockNow } from '../support/test-clock';

interface FeedEvent {
  uid: string;
  sequence: number;
  summary: string;
  start: ICAL.Time;
  end: ICAL.Time | null;
  kind: string;
}

function parseFeed(text: string): { calendar: ICAL.Component; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      start: event.startDate,
      end: component.hasProperty('dtend') ? event.endDate : null,
      kind: String(component.getFirstPropertyValue('x-mdr-kind')),
    };
  });
  return { calendar, events };
}

// A person's calendar feed through the real stack: the link issued on the account page (shown
// once, stored hashed, audited), read with no session and parsed by ical.js; only the person's
// own steps and their engagements' dates, in their language; UIDs stable when the plan moves
// (SEQUENCE raised); a revoked or replaced link answers 404; the feed is rate limited.
describe('calendar feed', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakuraOnboarding: string;
  let northwindOnboarding: string;
  let security: PortalAgent;
  let feedPath: string;
  let northwindPath: string;

  const issue = async (agent: PortalAgent): Promise<string> => {
    const page = await agent.get('/account/calendar').expect(200);
    const issued = await agent
      .post('/account/calendar')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(201);
    const url = /data-testid="calendar-url">([^<]+)</.exec(issued.text)?.[1];
    if (!url) throw new Error('No feed link on the page');
    return new URL(url).pathname;
  };

  const feed = async (path: string) => {
    const response = await t.http().get(path).expect(200);
    expect(response.headers['content-type']).toContain('text/calendar');
    return parseFeed(response.text);
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakuraOnboarding = await createSakuraOnboarding(t, tokens, '2027-06-01');
    const engagements = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    const northwind = engagements.body.items.find(
      (e: { customerName: string }) => e.customerName === 'Northwind Retail',
    ).id;
    northwindOnboarding = (
      await t
        .http()
        .post('/api/onboardings')
        .set('Authorization', await tokens.for('lead@mdr.example'))
        .send({
          engagementId: northwind,
          templateKey: 'edr-mdr-onboarding',
          plannedStartDate: '2027-05-10',
        })
        .expect(201)
    ).body.id;
    security = portalAgent(t);
    await signIn(security, 'security@sakura.example');
  });
  afterAll(() => t?.close());

  it('issues a link on the account page, shown once and stored only as its SHA-256, audited', async () => {
    const account = await security.get('/account').expect(200);
    expect(account.text).toContain('href="/account/calendar"');
    const before = await security.get('/account/calendar').expect(200);
    expect(before.text).toContain('data-testid="calendar-issue"');
    feedPath = await issue(security);
    const token = /^\/calendar\/(mdrc_[A-Za-z0-9_-]{43})\.ics$/.exec(feedPath)?.[1] as string;
    expect(token).toBeDefined();
    const rows: { token_hash: string; revoked_at: Date | null }[] = await t.dataSource.query(
      `SELECT t.token_hash, t.revoked_at FROM calendar_feed_token t JOIN app_user u ON u.id = t.user_id
        WHERE u.email = 'security@sakura.example'`,
    );
    expect(rows).toEqual([
      { token_hash: createHash('sha256').update(token).digest('hex'), revoked_at: null },
    ]);
    const stored = JSON.stringify(await t.dataSource.query(`SELECT * FROM calendar_feed_token`));
    expect(stored).not.toContain(token);
    const audit = await t.dataSource.query(
      `SELECT chain FROM audit_record WHERE action = 'calendar_feed.issued'`,
    );
    expect(audit).toEqual([{ chain: 'platform' }]);
    // The page now says a link is live, and no longer shows it.
    const after = await security.get('/account/calendar').expect(200);
    expect(inspect(after.text, after.headers as Record<string, string>)).toEqual([]);
    expect(after.text).toContain('data-testid="calendar-revoke"');
    expect(after.text).not.toContain(token);
  });

  it('lists the steps waiting on the reader, the planned start, in their language, and nothing else', async () => {
    const { calendar, events } = await feed(feedPath);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Tokyo');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('MDR ポータル：あなたの予定');
    const start = events.find((e) => e.uid === `service-start-${sakuraOnboarding}@mdr-portal`);
    expect(start?.start.isDate).toBe(true);
    expect(start?.start.toString()).toBe('2027-06-01');
    expect(start?.end?.toString()).toBe('2027-06-02');
    expect(start?.summary).toBe('サービス開始予定日：Sakura Manufacturing');
    const mine: { key: string; due: string }[] = await t.dataSource.query(
      `SELECT key, to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS due FROM onboarding_step
        WHERE onboarding_id = $1 AND state IN ('open', 'stale', 'rejected')
          AND party = 'customer' AND role = 'customer_security_lead'`,
      [sakuraOnboarding],
    );
    expect(mine.length).toBeGreaterThan(0);
    const steps = events.filter((e) => e.uid.startsWith('step-'));
    expect(steps.map((e) => e.uid).sort()).toEqual(
      mine.map((s) => `step-${sakuraOnboarding}-${s.key}@mdr-portal`).sort(),
    );
    for (const step of mine) {
      const event = steps.find((e) => e.uid === `step-${sakuraOnboarding}-${step.key}@mdr-portal`);
      expect(event?.start.isDate).toBe(true);
      expect(event?.start.toString()).toBe(step.due);
      expect(event?.summary).toMatch(/^期限：.+（Sakura Manufacturing）$/);
    }
    // Northwind's onboarding is another tenant's: nothing of it.
    expect(events.filter((e) => e.uid.includes(northwindOnboarding))).toEqual([]);
    expect(events.every((e) => e.sequence === 0)).toBe(true);
  });

  it('keeps every UID when the plan moves, with the new dates and a higher SEQUENCE', async () => {
    const before = await feed(feedPath);
    await t.dataSource.query(
      `UPDATE onboarding SET planned_start_date = '2027-07-01' WHERE id = $1`,
      [sakuraOnboarding],
    );
    await t.dataSource.query(
      `UPDATE onboarding_step SET due_at = due_at + interval '30 days' WHERE onboarding_id = $1`,
      [sakuraOnboarding],
    );
    const after = await feed(feedPath);
    expect(after.events.map((e) => e.uid).sort()).toEqual(before.events.map((e) => e.uid).sort());
    for (const event of after.events) {
      const old = before.events.find((e) => e.uid === event.uid) as FeedEvent;
      expect(event.sequence).toBe(old.sequence + 1);
      expect(event.start.toString()).not.toBe(old.start.toString());
    }
    const start = after.events.find(
      (e) => e.uid === `service-start-${sakuraOnboarding}@mdr-portal`,
    );
    expect(start?.start.toString()).toBe('2027-07-01');
    // Unchanged dates keep their SEQUENCE on the next read.
    const again = await feed(feedPath);
    expect(again.events.map((e) => e.sequence)).toEqual(after.events.map((e) => e.sequence));
    // DTSTAMP is the business clock's now.
    const stamp = again.calendar
      .getFirstSubcomponent('vevent')
      ?.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().getTime()).toBeGreaterThanOrEqual(testClockNow().getTime() - 60_000);
  });

  it('adds the tuning period end as a moment and the reader’s open peacetime tasks as days', async () => {
    const engagementId = await sakuraEngagementId(t, tokens);
    const [lead] = await t.dataSource.query(
      `SELECT id FROM app_user WHERE email = 'lead@mdr.example'`,
    );
    const [group] = await t.dataSource.query(
      `INSERT INTO endpoint_group (engagement_id, name, kind, priority, created_by)
       VALUES ($1, 'Tokyo', 'production', 1, $2) RETURNING id`,
      [engagementId, lead.id],
    );
    const since = new Date('2026-11-01T01:00:00Z');
    await t.dataSource.query(
      `INSERT INTO group_policy (group_id, engagement_id, mode, mode_since, mode_source, quarantine, updates, max_concurrent_updates, updated_by)
       VALUES ($1, $2, 'detect', $3, 'design', false, 'automatic', 10, $4)`,
      [group.id, engagementId, since, lead.id],
    );
    // A monthly task of the customer's security lead, and one of the provider's (not theirs).
    await t.dataSource.query(
      `INSERT INTO peacetime_task (engagement_id, step_key, title, frequency, period_start, owner_party, owner_role, timing, status)
       VALUES ($1, 'monthly_review', '月次レビュー', 'monthly', '2026-10-31T15:00:00Z', 'customer', 'customer_security_lead', 'monthly', 'open'),
              ($1, 'provider_report', 'Monthly report', 'monthly', '2026-10-31T15:00:00Z', 'provider', 'provider_lead', 'monthly', 'open')`,
      [engagementId],
    );
    const { events } = await feed(feedPath);
    const tuning = events.find((e) => e.uid === `tuning-end-${engagementId}@mdr-portal`);
    expect(tuning?.start.isDate).toBe(false);
    // No agreement approved: the default 30 days in detect mode.
    expect(tuning?.start.toJSDate().toISOString()).toBe('2026-12-01T01:00:00.000Z');
    const tasks = events.filter((e) => e.kind === 'peacetime_task');
    expect(tasks).toHaveLength(1);
    expect(tasks[0].summary).toBe('平常時タスク：月次レビュー（Sakura Manufacturing）');
    expect(tasks[0].start.isDate).toBe(true);
  });

  it('shows another person only their own items: Northwind’s lead sees none of Sakura’s', async () => {
    const northwind = portalAgent(t);
    await signIn(northwind, 'security@northwind.example');
    const path = await issue(northwind);
    northwindPath = path;
    expect(path).not.toBe(feedPath);
    const { calendar, events } = await feed(path);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/London');
    expect(
      events.find((e) => e.uid === `service-start-${northwindOnboarding}@mdr-portal`)?.summary,
    ).toBe('Planned service start: Northwind Retail');
    expect(events.filter((e) => e.uid.includes(sakuraOnboarding))).toEqual([]);
    expect(events.some((e) => e.summary.includes('Sakura'))).toBe(false);
  });

  it('answers 404 for a revoked, a replaced and an unknown link', async () => {
    const page = await security.get('/account/calendar').expect(200);
    const revoked = await security
      .post('/account/calendar/revoke')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(200);
    expect(textOf(revoked.text)).toContain('リンクを無効にしました');
    await t.http().get(feedPath).expect(404);
    const audit = await t.dataSource.query(
      `SELECT 1 FROM audit_record WHERE action = 'calendar_feed.revoked'`,
    );
    expect(audit).toHaveLength(1);
    // Re-issued: the new link works; issuing again replaces it.
    const second = await issue(security);
    await feed(second);
    const third = await issue(security);
    await t.http().get(second).expect(404);
    await feed(third);
    await t
      .http()
      .get(`/calendar/mdrc_${'A'.repeat(43)}.ics`)
      .expect(404);
    await t.http().get('/calendar/not-a-token').expect(404);
  });

  it('answers 404 once its person is disabled', async () => {
    await feed(northwindPath);
    const [person] = await t.dataSource.query(
      `SELECT id FROM app_user WHERE email = 'security@northwind.example'`,
    );
    await t
      .http()
      .post(`/api/users/${person.id}/disable`)
      .set('Authorization', await tokens.for('admin@portal.example'))
      .expect(200);
    await t.http().get(northwindPath).expect(404);
  });

  it('limits reads per address like the other public links', async () => {
    // Windows are fixed: twice the limit and more crosses it even if a window ends meanwhile.
    let response = await t.http().get(`/calendar/mdrc_${'B'.repeat(43)}.ics`);
    for (let i = 0; i < 2 * CALENDAR_FEED_RATE_LIMIT + 5 && response.status !== 429; i += 1)
      response = await t.http().get(`/calendar/mdrc_${'B'.repeat(43)}.ics`);
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
