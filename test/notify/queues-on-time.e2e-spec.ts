// date-sensitive: reminders and acknowledgement deadlines become real delays (realRunAt)
import { OutboxMessage } from '@app/notify';
import { Job } from 'bullmq';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { recipients, until } from '../support/polling';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Server mode (real PostgreSQL, Redis, SMTP on loopback, the worker in the test process): while
 * many delayed jobs wait days ahead, a mail requested now arrives within seconds and a delayed
 * job runs when due, with its real delay (no promotion by the test). The same as
 * test/embedded/embedded-queue-timing.e2e-spec.ts for embedded mode. Bound: 20 s.
 */
const WITHIN_MS = 20_000;
const DAY_MS = 24 * 3600_000;
const ESCALATION = '【エスカレーション】';

describe('server mode: queued jobs run on time', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // An escalation contact has one minute to acknowledge before the next one is called.
    t = await startTestApp({
      seed: true,
      withWorker: true,
      env: { SMTP_URL: sink.url, ESCALATION_ACK_MINUTES: '1' },
    });
    h = new IncidentHarness(t, sink);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  const mailTo = (to: string, subjectStart: string, after: number, withinMs: number) =>
    until(
      `a mail to ${to} "${subjectStart}…"`,
      () =>
        sink.messages
          .slice(after)
          .find((m) => recipients(m).includes(to) && (m.subject ?? '').startsWith(subjectStart)),
      withinMs,
    );
  const jobOf = async (
    where: Partial<Pick<OutboxMessage, 'dedupeKey' | 'jobName'>>,
    payloadEmail?: string,
  ): Promise<Job> => {
    const qb = t.dataSource.getRepository(OutboxMessage).createQueryBuilder('m').where(where);
    if (payloadEmail) qb.andWhere(`m.payload->>'email' = :email`, { email: payloadEmail });
    const message = await qb.getOneOrFail();
    return until(`job ${message.id}`, async () => (await h.queue.getJob(message.id)) ?? undefined);
  };

  it('delivers mail requested now and runs a delayed job when due, however many delayed jobs wait days ahead', async () => {
    // Sakura's onboarding, driven to the service start: the reminders and escalations of every
    // step that opens wait as delayed jobs, and the domain-permission mail must arrive meanwhile.
    const engagementId = await h.engagementId();
    await h.startSakuraService(engagementId);
    const startedAt = Date.now();
    const waiting = (await h.queue.getDelayed(0, -1)).filter(
      (job) => job.timestamp + job.delay > startedAt + DAY_MS,
    );
    expect(waiting.length).toBeGreaterThanOrEqual(50);

    // An invitation: its welcome mail is requested now.
    const [northwind] = (await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Northwind Retail'`,
    )) as { id: string }[];
    let after = sink.messages.length;
    await t
      .http()
      .post('/api/users')
      .set('Authorization', await bearer(t, 'admin@portal.example'))
      .send({
        email: 'new-analyst@northwind.example',
        displayName: 'New Analyst',
        organisationId: northwind?.id,
        role: 'customer_it',
        countryCode: 'US',
      })
      .expect(201);
    await until(
      'the welcome mail',
      () =>
        sink.messages
          .slice(after)
          .find((m) => recipients(m).includes('new-analyst@northwind.example')),
      WITHIN_MS,
    );
    const welcome = await jobOf({ jobName: 'welcome-email' }, 'new-analyst@northwind.example');

    // An incident: the first contact is called now; the second once the first has not
    // acknowledged within the minute, by a delayed job due then.
    after = sink.messages.length;
    const openedAt = Date.now();
    const opened = await h.call(
      'lead@mdr.example',
      'post',
      `/api/engagements/${engagementId}/incidents`,
      { title: 'Ransomware on sk-pc-0042', severity: 'critical' },
    );
    expect(opened.status).toBe(201);
    const answeredAt = Date.now();
    const first = (
      opened.body as {
        escalations: { id: string; position: number; notifiedAt: string; ackDueAt: string }[];
      }
    ).escalations[0];
    expect(first?.position).toBe(0);
    await mailTo('contact1@sakura.example', ESCALATION, after, WITHIN_MS);
    const timeout = await jobOf({ dedupeKey: `incident-escalation-timeout:${first?.id}` });
    expect(await timeout.getState()).toBe('delayed');
    // Read while it waits: once promoted, BullMQ resets the job's delay.
    const runsAt = timeout.timestamp + timeout.delay;
    const ackWindow = Date.parse(first?.ackDueAt ?? '') - Date.parse(first?.notifiedAt ?? '');
    const dueAt = answeredAt + ackWindow;
    await mailTo('contact2@sakura.example', ESCALATION, after, dueAt - Date.now() + WITHIN_MS);

    const ran = await until('the timeout job completed', async () => {
      const job = await h.queue.getJob(timeout.id ?? '');
      return job?.finishedOn ? job : undefined;
    });
    // Run because its time came, not before.
    expect(ran.processedOn).toBeGreaterThanOrEqual(runsAt);
    expect(runsAt).toBeGreaterThanOrEqual(openedAt + ackWindow);
    console.log(
      `server queue: ${waiting.length} delayed jobs waiting over a day ahead; ` +
        `welcome job picked up ${(welcome.processedOn ?? NaN) - welcome.timestamp} ms after the add; ` +
        `escalation timeout picked up ${(ran.processedOn ?? NaN) - runsAt} ms after its due time`,
    );
  }, 300_000);
});
