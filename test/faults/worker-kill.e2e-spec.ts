import { Queue } from 'bullmq';
import { redisOptionsFromUrl } from '@app/platform';
import { freePort, RunningPortal, spawnWorker } from '../support/spawn-portal';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { mailsPerRecipient, serverEnv, until } from './support/fault-kit';

/*
 * Fault: the worker process is SIGKILLed in the middle of a batch of 500 welcome mails, then a
 * new worker takes over. Every recipient must get exactly one mail.
 *
 * The kill is made deterministic: after 100 accepted messages the SMTP sink holds every further
 * DATA without a reply, we wait until the ledger holds exactly those 100 sends, and only then
 * kill. So no send is between the server's 250 OK and its ledger commit when the worker dies.
 * That is the one window left (see NotificationLedger.once): a crash after the mail server
 * accepted a message and before the ledger row commits re-sends that message on retry. Mail
 * is at-least-once there by design; the window is a few milliseconds per message.
 */

const TOTAL = 500;
const KILL_AFTER = 100;

describe('faults: worker killed in the middle of 500 notifications', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const workers: RunningPortal[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true });
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) await worker.kill('SIGKILL');
    const queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t?.config.queuePrefix,
    });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await t?.close();
    await sink?.stop();
  }, 60_000);

  const startWorker = async (): Promise<RunningPortal> => {
    const worker = await spawnWorker(
      serverEnv({
        databaseUrl: t.database.url,
        redisUrl: TEST_REDIS_URL,
        queuePrefix: t.config.queuePrefix,
        smtpUrl: sink.url,
      }),
      await freePort(),
    );
    workers.push(worker);
    return worker;
  };

  const count = async (sql: string): Promise<number> =>
    Number(((await t.dataSource.query(sql)) as { n: string }[])[0]?.n ?? 0);

  it('delivers exactly one welcome mail to each of 500 invited users across a SIGKILL', async () => {
    // 500 invitations through the API by Northwind's own security lead (no worker yet: the outbox
    // fills up); the lead adds them, so no notice of the additions goes to the lead.
    const auth = await bearer(t, 'security@northwind.example');
    const [{ id: organisationId }] = (await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Northwind Retail'`,
    )) as { id: string }[];
    const emails = Array.from({ length: TOTAL }, (_, i) => `invitee-${i}@northwind.example`);
    for (let i = 0; i < TOTAL; i += 20) {
      const statuses = await Promise.all(
        emails.slice(i, i + 20).map(async (email) => {
          const response = await t
            .http()
            .post('/api/users')
            .set('Authorization', auth)
            .send({
              email,
              displayName: email.split('@')[0],
              organisationId,
              role: 'customer_it',
              countryCode: 'US',
            });
          return response.status;
        }),
      );
      expect(statuses.every((s) => s === 201)).toBe(true);
    }
    // Every welcome mail waiting: our 500 and those of the seeded demo users.
    const expected = (
      (await t.dataSource.query(
        `SELECT payload ->> 'email' AS email FROM outbox_message WHERE job_name = 'welcome-email'`,
      )) as { email: string }[]
    ).map((row) => row.email.toLowerCase());
    expect(expected).toEqual(expect.arrayContaining(emails));
    expect(new Set(expected).size).toBe(expected.length);

    // The first worker sends 100, then the mail server stops answering; its ledger catches up.
    sink.holdAfter(KILL_AFTER);
    const first = await startWorker();
    await until(
      '100 accepted mails and a held send',
      () => (sink.messages.length >= KILL_AFTER && sink.held() > 0 ? true : undefined),
      120_000,
    );
    await until(
      'the ledger to record the 100 accepted mails',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM sent_notification WHERE job_name = 'welcome-email' AND sending_until IS NULL`,
        )) === KILL_AFTER
          ? true
          : undefined,
      30_000,
    );
    expect(sink.messages).toHaveLength(KILL_AFTER);
    await first.kill('SIGKILL');
    sink.release();

    // A new worker: jobs the dead one held are picked up as stalled (BullMQ lock expiry, ~30 s).
    await startWorker();
    await sink.waitFor(expected.length, 240_000);
    // Every job finished (its outbox row completed), and no straggler mail comes after.
    await until(
      'every outbox message completed',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM outbox_message WHERE job_name = 'welcome-email' AND completed_at IS NULL`,
        )) === 0
          ? true
          : undefined,
      120_000,
      250,
    );

    const perRecipient = mailsPerRecipient(sink.messages);
    expect(sink.messages).toHaveLength(expected.length);
    expect([...perRecipient.keys()].sort()).toEqual([...expected].sort());
    expect([...perRecipient.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(
      await count(
        `SELECT count(*) AS n FROM sent_notification WHERE job_name = 'welcome-email' AND sending_until IS NULL`,
      ),
    ).toBe(expected.length);
  }, 480_000);
});
