import { randomUUID } from 'node:crypto';
import { ParsedMail } from 'mailparser';
import { Queue } from 'bullmq';
import { redisOptionsFromUrl } from '@app/platform';
import {
  driveToReady,
  proposeSakuraDocuments,
  sakuraEngagementId,
  StepJson,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { freePort, RunningPortal, spawnPortal, spawnWorker } from '../support/spawn-portal';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { loginAt, recipients, serverEnv, sleep, until } from './support/fault-kit';

/*
 * Many processes: two API and two worker processes (the built ones) on one PostgreSQL database
 * and one Redis queue prefix. Reminders and escalations are sent once whichever worker runs
 * them, even when delivered twice; concurrent approvals of one step and concurrent service
 * starts through both APIs record exactly one outcome. (The code has no BullMQ job schedulers
 * or repeatable jobs: every timed job is a delayed outbox message, covered here.)
 */

const notificationIdOf = (mail: ParsedMail): string =>
  String(mail.headers.get('x-mdr-notification-id') ?? '');

describe('faults: two APIs and two workers on the same database and queue', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let tokens: Tokens;
  const apis: RunningPortal[] = [];
  const workers: RunningPortal[] = [];
  let onboardingId: string;
  let engagementId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The in-process app clones and seeds the database and drives set-up steps; the processes below do the rest.
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    const env = serverEnv({
      databaseUrl: t.database.url,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: t.config.queuePrefix,
      smtpUrl: sink.url,
    });
    const started = await Promise.all([
      spawnPortal(env, await freePort()),
      spawnPortal(env, await freePort()),
      spawnWorker(env, await freePort()),
      spawnWorker(env, await freePort()),
    ]);
    apis.push(started[0], started[1]);
    workers.push(started[2], started[3]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    const queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t?.config.queuePrefix,
    });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await t?.close();
    await sink?.stop();
  }, 90_000);

  const tokenAt = new Map<string, string>();
  const auth = async (api: RunningPortal, email: string): Promise<string> => {
    const key = `${api.baseUrl} ${email}`;
    if (!tokenAt.has(key)) tokenAt.set(key, await loginAt(api.baseUrl, email, TEST_PASSWORD));
    return tokenAt.get(key) as string;
  };
  const post = async (
    api: RunningPortal,
    email: string,
    path: string,
    body: object = {},
  ): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: await auth(api, email), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await t.dataSource.query(sql, params)) as { n: string }[])[0]?.n ?? 0);

  it('sends each step-opened mail once, whichever worker relays and runs it', async () => {
    engagementId = await sakuraEngagementId(t, tokens);
    const created = await post(apis[0] as RunningPortal, 'lead@mdr.example', '/api/onboardings', {
      engagementId,
      templateKey: 'edr-mdr-onboarding',
      plannedStartDate: '2027-06-01',
    });
    expect(created.status).toBe(201);
    onboardingId = (created.body as { id: string }).id;
    const opened = (await t.dataSource.query(
      `SELECT id FROM outbox_message WHERE job_name = 'step-opened'`,
    )) as { id: string }[];
    expect(opened.length).toBeGreaterThan(0);
    await until(
      'every step-opened job completed',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM outbox_message WHERE job_name = 'step-opened' AND completed_at IS NULL`,
        )) === 0
          ? true
          : undefined,
      60_000,
    );
    await sleep(500);
    for (const { id } of opened)
      expect(sink.messages.filter((m) => notificationIdOf(m) === id)).toHaveLength(1);
  }, 120_000);

  it('sends a reminder and an escalation once each, though each is delivered twice to two workers', async () => {
    const [step] = (await t.dataSource.query(
      `SELECT id, key, opened_at FROM onboarding_step WHERE onboarding_id = $1 AND key = 'mdr_requirements_defined' AND state = 'open'`,
      [onboardingId],
    )) as { id: string; key: string; opened_at: Date }[];
    expect(step).toBeDefined();
    const ref = {
      onboardingId,
      stepId: step!.id,
      stepKey: step!.key,
      openedAt: new Date(step!.opened_at).toISOString(),
    };
    const at = new Date(Date.now() + 2000).toISOString();
    // Each twice, under two outbox ids, due in 2 s: the relays of both workers race for them.
    const jobs: [string, object][] = [
      ['step-reminder', { ...ref, reminder: 1, at }],
      ['step-reminder', { ...ref, reminder: 1, at }],
      ['step-escalation', { ...ref, at }],
      ['step-escalation', { ...ref, at }],
    ];
    const ids: string[] = [];
    for (const [jobName, payload] of jobs) {
      const id = randomUUID();
      ids.push(id);
      await t.dataSource.query(
        `INSERT INTO outbox_message (id, job_name, payload, run_at) VALUES ($1, $2, $3, now() + interval '2 seconds')`,
        [id, jobName, JSON.stringify(payload)],
      );
    }
    await until(
      'the reminder and escalation jobs completed',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM outbox_message WHERE id = ANY($1) AND completed_at IS NOT NULL`,
          [ids],
        )) === ids.length
          ? true
          : undefined,
      60_000,
    );
    await sleep(1000);
    const reminders = sink.messages.filter((m) => (m.subject ?? '').startsWith('【リマインド】'));
    expect(reminders.map((m) => recipients(m).join(','))).toEqual(['security@sakura.example']);
    const escalations = sink.messages.filter((m) => (m.subject ?? '').startsWith('Overdue:'));
    expect(escalations.map((m) => recipients(m).join(','))).toEqual(['am@mdr.example']);
    // Reminder 2 was scheduled once, though two jobs for reminder 1 ran.
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox_message WHERE job_name = 'step-reminder' AND payload ->> 'stepId' = $1 AND payload ->> 'reminder' = '2'`,
        [step!.id],
      ),
    ).toBe(1);
  }, 120_000);

  it('records one approval of a step approved at once through both APIs', async () => {
    // Inventory and existing products done (as in the step-actions test): existing_av_plan opens,
    // an approval the provider lead proposes and the customer's security lead approves.
    const api = apis[0] as RunningPortal;
    for (const key of ['endpoint_inventory', 'existing_security_products']) {
      expect(
        (
          await post(
            api,
            'it-jp@sakura.example',
            `/api/onboardings/${onboardingId}/steps/${key}/complete`,
          )
        ).status,
      ).toBe(200);
    }
    const step = (await steps(t, tokens, onboardingId)).find(
      (s) => s.key === 'existing_av_plan',
    ) as StepJson;
    expect(step.state).toBe('open');
    expect(
      (
        await post(
          api,
          'lead@mdr.example',
          `/api/onboardings/${onboardingId}/steps/${step.key}/proposals`,
          { note: 'concurrent' },
        )
      ).status,
    ).toBe(201);
    const proposed = (await steps(t, tokens, onboardingId)).find(
      (s) => s.key === step.key,
    ) as StepJson;
    const approver = 'security@sakura.example';
    const path = `/api/onboardings/${onboardingId}/steps/${step.key}/approve`;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(apis[i % 2] as RunningPortal, approver, path)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    const after = (await steps(t, tokens, onboardingId)).find(
      (s) => s.key === step.key,
    ) as StepJson;
    expect(after.state).toBe('done');
    // One transition to done: the version moved once from the proposed one.
    expect(after.version).toBe(proposed.version + 1);
    expect(
      await count(
        `SELECT count(*) AS n FROM onboarding_event WHERE onboarding_id = $1 AND step_key = $2 AND action = 'approved'`,
        [onboardingId, step.key],
      ),
    ).toBe(1);
  }, 120_000);

  it('starts the service exactly once under concurrent starts through both APIs', async () => {
    // The drivers below read the domain-permission and signature mails from the in-process dev
    // mailbox; stop the workers so they do not send (and re-issue the links of) those mails.
    await Promise.all(workers.map((w) => w.stop()));
    await proposeSakuraDocuments(t, tokens, engagementId);
    await driveToReady(t, tokens, onboardingId, engagementId);
    const path = `/api/onboardings/${onboardingId}/start-service`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(apis[i % 2] as RunningPortal, 'lead@mdr.example', path),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_record WHERE action = 'onboarding.service_started' AND subject_id = $1`,
        [onboardingId],
      ),
    ).toBe(1);
  }, 240_000);
});
