import { DataSource } from 'typeorm';
import {
  seedDemoWithScenario,
  ScenarioResult,
} from '../../apps/api/src/seed/scenario/scenario-seeder';
import { recipients, until } from '../support/polling';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { testClockNow } from '../support/test-clock';

const DAY = 86_400_000;

interface Blocker {
  stepKey: string;
  state: string;
  overdue: boolean;
  waitingOn: { users: { email: string }[] };
}

/*
 * The scenario demo seeded into a fresh server-mode app (worker and SMTP on loopback): Sakura's
 * onboarding waits on exactly what the story says, Northwind's service runs with its incidents,
 * the mails went out, and a second seed adds nothing.
 */
describe('the scenario demo', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let first: ScenarioResult;
  const get = async (email: string, path: string) => {
    const response = await t
      .http()
      .get(path)
      .set('authorization', await bearer(t, email));
    if (response.status !== 200)
      throw new Error(`GET ${path} as ${email}: ${response.status} ${response.text.slice(0, 400)}`);
    return response.body;
  };
  const onboardingOf = async (customer: string) => {
    const list = await get('lead@mdr.example', '/api/onboardings');
    return list.items.find((o: { customerName: string }) => o.customerName === customer);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: sink.url } });
    first = (await seedDemoWithScenario(t.app, TEST_PASSWORD)).scenario;
    process.stdout.write(`scenario seeded in ${first.tookMs} ms\n${first.hints.join('\n')}\n`);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('leaves Sakura in its onboarding, the gate naming exactly what waits and on whom', async () => {
    expect(first.seeded).toBe(true);
    const sakura = await onboardingOf('Sakura Manufacturing');
    expect(sakura.status).toBe('in_progress');
    // In pre-production: the update policy that went stale yesterday reopens the introduction
    // without moving the onboarding back.
    const detail = await get('lead@mdr.example', `/api/onboardings/${sakura.id}`);
    expect(detail.currentPhase).toBe('pre_production');
    expect(
      detail.phases.find((p: { phase: string }) => p.phase === 'introduction').exitCriteriaMet,
    ).toBe(false);
    const gate = await get('lead@mdr.example', `/api/onboardings/${sakura.id}/gate`);
    expect(gate.ready).toBe(false);
    const actionable = (gate.blockers as Blocker[]).filter((b) => b.state !== 'blocked');
    expect(actionable.map((b) => `${b.stepKey}:${b.state}`).sort()).toEqual([
      'domain_authorisation_signature:open',
      'domain_permission_email:open',
      'sensor_deployment_completed:open',
      // Shanghai's lower concurrency changed the approved update policy and the waves built on it.
      'update_policy:stale',
      'update_waves_plan:stale',
    ]);
    const deployment = actionable.find(
      (b) => b.stepKey === 'sensor_deployment_completed',
    ) as Blocker;
    expect(deployment.overdue).toBe(true);
    expect(deployment.waitingOn.users.map((u) => u.email)).toContain('it-cn@sakura.example');
    // The stale approvals' proposals are outdated: the provider lead proposes again first.
    for (const key of ['update_policy', 'update_waves_plan']) {
      expect(actionable.find((b) => b.stepKey === key)?.waitingOn).toMatchObject({
        party: 'provider',
        role: 'provider_lead',
        users: [expect.objectContaining({ email: 'lead@mdr.example' })],
      });
    }
    for (const key of ['domain_authorisation_signature', 'domain_permission_email']) {
      expect(
        actionable.find((b) => b.stepKey === key)?.waitingOn.users.map((u) => u.email),
      ).toEqual(['security@sakura.example']);
    }
    // The estate: a few hundred endpoints over three sites, the Japanese ones with the sensor.
    const endpoints = await get(
      'it-jp@sakura.example',
      `/api/engagements/${sakura.engagementId}/endpoints?limit=1`,
    );
    expect(endpoints.total).toBe(302);
    const pending = await get(
      'it-cn@sakura.example',
      `/api/engagements/${sakura.engagementId}/sensor-deployment/endpoints?state=pending&limit=200`,
    );
    expect(pending.items.length).toBeGreaterThan(0);
    expect(pending.items.every((e: { site: string }) => e.site === '上海工厂')).toBe(true);
    // The engagements date from the story's beginning, not from the day it was seeded.
    const engagements = await get('lead@mdr.example', '/api/engagements');
    for (const engagement of engagements.items as { createdAt: string }[]) {
      expect(testClockNow().getTime() - new Date(engagement.createdAt).getTime()).toBeGreaterThan(
        120 * 86_400_000,
      );
    }
  });

  it('mailed the people: the letter and the permission to the security lead, the stale approval, and a reminder of the overdue deployment', async () => {
    const to = (email: string) => sink.messages.filter((m) => recipients(m).includes(email));
    await until(
      'the reminder to it-cn',
      () =>
        to('it-cn@sakura.example').find(
          (m) =>
            /期限|overdue|逾期|提醒|リマインド|reminder/i.test(`${m.subject} ${m.text}`) &&
            /センサー|sensor|传感器/i.test(`${m.subject} ${m.text}`),
        ),
      30_000,
    );
    await until(
      'the signature request',
      () => to('security@sakura.example').find((m) => /\/sign\//.test(m.text ?? '')),
      30_000,
    );
    await until(
      'the domain permission mail',
      () =>
        to('security@sakura.example').find((m) =>
          /\/confirm\/[A-Za-z0-9_-]{43}/.test(m.text ?? ''),
        ),
      30_000,
    );
    await until(
      'the stale approval',
      () =>
        to('security@sakura.example').find(
          (m) =>
            /承認|approv/i.test(`${m.subject}`) && /変更|chang/i.test(`${m.subject} ${m.text}`),
        ),
      30_000,
    );
    await until(
      'the isolation request',
      () =>
        to('security@northwind.example').find((m) =>
          /\/incident-actions\/[A-Za-z0-9_-]{43}/.test(m.text ?? ''),
        ),
      30_000,
    );
  }, 60_000);

  it('leaves Northwind in service for weeks, its certificate issued, one critical incident waiting on the customer and one closed with its report', async () => {
    const northwind = await onboardingOf('Northwind Retail');
    expect(northwind.status).toBe('active');
    const detail = await get('security@northwind.example', `/api/onboardings/${northwind.id}`);
    expect(testClockNow().getTime() - new Date(detail.serviceStartedAt).getTime()).toBeGreaterThan(
      28 * DAY,
    );
    await get(
      'security@northwind.example',
      `/api/onboardings/${northwind.id}/completion-certificate`,
    );
    const incidents = await get(
      'analyst@mdr.example',
      `/api/engagements/${northwind.engagementId}/incidents`,
    );
    const open = incidents.items.filter((i: { status: string }) => i.status !== 'closed');
    const closed = incidents.items.filter((i: { status: string }) => i.status === 'closed');
    expect(open).toHaveLength(1);
    expect(closed).toHaveLength(1);
    expect(open[0].severity).toBe('critical');
    const waiting = await get(
      'security@northwind.example',
      `/api/engagements/${northwind.engagementId}/incidents/${open[0].id}`,
    );
    expect(
      waiting.actions.map((a: { action: string; status: string }) => `${a.action}:${a.status}`),
    ).toEqual(['isolate_host:awaiting_customer']);
    const report = await t
      .http()
      .get(
        `/api/engagements/${northwind.engagementId}/incidents/${closed[0].id}/report?format=html`,
      )
      .set('authorization', await bearer(t, 'security@northwind.example'));
    expect(report.status).toBe(200);
    expect(report.text).toContain('Only one till was involved');
    const metrics = await get(
      'lead@mdr.example',
      `/api/engagements/${northwind.engagementId}/incident-metrics`,
    );
    expect(JSON.stringify(metrics)).toMatch(/mtta|MTTA|acknowledge/i);
  });

  it('puts each person’s first thing in the banner, from the seeded state', () => {
    const line = (email: string) =>
      first.hints.find((h) => h.startsWith(`log in as ${email}:`)) ?? '';
    // The changed plans go back to the provider lead to propose again, as the home pages show.
    expect(line('security@sakura.example')).toMatch(
      /: 2 things wait on you: Sign the domain authorisation document \(overdue\); Answer the domain-permission email \(overdue\)$/,
    );
    expect(line('it-cn@sakura.example')).toMatch(
      /: one thing waits on you: Complete the sensor deployment \(overdue\)$/,
    );
    expect(line('lead@mdr.example')).toMatch(
      /: 2 things wait on you: propose again: .*changed since approved/,
    );
    expect(line('security@northwind.example')).toMatch(/isolate host lds-srv-002/);
    expect(line('analyst@mdr.example')).toMatch(/critical incident at Northwind Retail/);
    expect(line('am@mdr.example')).toMatch(/2 customers/);
  });

  it('seeds nothing twice', async () => {
    const count = async (table: string) =>
      Number((await t.app.get(DataSource).query(`SELECT count(*) AS n FROM ${table}`))[0].n);
    const before = await Promise.all(
      ['onboarding', 'incident', 'endpoint', 'audit_record', 'app_user'].map(count),
    );
    const again = (await seedDemoWithScenario(t.app, TEST_PASSWORD)).scenario;
    expect(again.seeded).toBe(false);
    expect(again.hints).toEqual(first.hints);
    expect(
      await Promise.all(
        ['onboarding', 'incident', 'endpoint', 'audit_record', 'app_user'].map(count),
      ),
    ).toEqual(before);
  });
});
