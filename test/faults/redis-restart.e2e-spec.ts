import { freePort, RunningPortal, spawnWorker } from '../support/spawn-portal';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { mailsPerRecipient, serverEnv, sleep, until } from './support/fault-kit';
import { OwnRedis, startOwnRedis } from './support/own-redis';

/*
 * Fault: Redis (our own, without persistence) dies while the outbox relay and the mail worker
 * run, and comes back empty on the same port. Jobs the relay had already handed to BullMQ are
 * gone with it; the relay's reconciliation pass (OUTBOX_RECONCILE_AFTER_MS, 3 s here) finds
 * their outbox rows relayed but not completed and enqueues them again, and the ledger keeps the
 * ones that had been sent from going out twice. Every notification must arrive exactly once.
 */

describe('faults: Redis restarted (data lost) while notifications flow', () => {
  let redis: OwnRedis;
  let sink: SmtpSink;
  let t: TestApp;
  let worker: RunningPortal | null = null;
  let auth: string;
  let organisationId: string;

  beforeAll(async () => {
    redis = await startOwnRedis();
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true });
    // Northwind's own security lead invites, so no notice of the additions goes to the lead.
    auth = await bearer(t, 'security@northwind.example');
    [{ id: organisationId }] = (await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Northwind Retail'`,
    )) as { id: string }[];
  }, 120_000);

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await t?.close();
    await sink?.stop();
    await redis?.destroy();
  }, 60_000);

  const invite = async (emails: string[]): Promise<void> => {
    for (let i = 0; i < emails.length; i += 10) {
      await Promise.all(
        emails.slice(i, i + 10).map((email) =>
          t
            .http()
            .post('/api/users')
            .set('Authorization', auth)
            .send({
              email,
              displayName: email.split('@')[0],
              organisationId,
              role: 'customer_it',
              countryCode: 'US',
            })
            .expect(201),
        ),
      );
    }
  };

  const count = async (sql: string): Promise<number> =>
    Number(((await t.dataSource.query(sql)) as { n: string }[])[0]?.n ?? 0);

  it('delivers every notification exactly once across a Redis restart that lost every job', async () => {
    const before = Array.from({ length: 150 }, (_, i) => `before-${i}@northwind.example`);
    const during = Array.from({ length: 30 }, (_, i) => `during-${i}@northwind.example`);
    await invite(before);

    // 40 mails go out, then the mail server holds the rest: the relay has meanwhile moved every
    // row to Redis (dispatched), so Redis holds jobs that no one has run yet.
    sink.holdAfter(40);
    worker = await spawnWorker(
      serverEnv({
        databaseUrl: t.database.url,
        redisUrl: redis.url,
        queuePrefix: t.config.queuePrefix,
        smtpUrl: sink.url,
        extra: { OUTBOX_RECONCILE_AFTER_MS: '3000' },
      }),
      await freePort(),
    );
    await until(
      '40 mails and a held send',
      () => (sink.messages.length >= 40 && sink.held() > 0 ? true : undefined),
      120_000,
    );
    await until(
      'every welcome mail relayed to Redis',
      async () =>
        (await count(`SELECT count(*) AS n FROM outbox_message WHERE dispatched_at IS NULL`)) === 0
          ? true
          : undefined,
      60_000,
    );
    const unfinished = await count(
      `SELECT count(*) AS n FROM outbox_message WHERE completed_at IS NULL`,
    );
    expect(unfinished).toBeGreaterThan(100);

    // Redis dies (its jobs with it); users keep being invited; Redis comes back empty.
    await redis.stop();
    sink.release();
    await invite(during);
    await sleep(2000);
    await redis.start();

    const expected = (
      (await t.dataSource.query(
        `SELECT payload ->> 'email' AS email FROM outbox_message WHERE job_name = 'welcome-email'`,
      )) as { email: string }[]
    ).map((row) => row.email.toLowerCase());
    expect(expected).toEqual(expect.arrayContaining([...before, ...during]));
    await sink.waitFor(expected.length, 180_000);
    await until(
      'every outbox message completed',
      async () =>
        (await count(`SELECT count(*) AS n FROM outbox_message WHERE completed_at IS NULL`)) === 0
          ? true
          : undefined,
      120_000,
      250,
    );
    // Let a straggler, if any, arrive before counting.
    await sleep(1000);
    const perRecipient = mailsPerRecipient(sink.messages);
    expect(sink.messages).toHaveLength(expected.length);
    expect([...perRecipient.keys()].sort()).toEqual([...expected].sort());
    expect([...perRecipient.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // The reconciler did the recovery (it logs each pass that handed messages back).
    expect(worker.output()).toContain('enqueueing them again');
  }, 480_000);
});
