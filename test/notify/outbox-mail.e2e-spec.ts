import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import {
  AppConfigModule,
  buildDataSourceOptions,
  DatabaseModule,
  loadConfig,
  TransactionRunner,
} from '@app/platform';
import {
  DevMailboxService,
  MAILER,
  Mailer,
  NOTIFY_ENTITIES,
  NotifyModule,
  NotifyWorkerModule,
  INVITATION_LINKS,
  OutboxMessage,
  OutboxRelay,
  OutboxService,
  SentNotification,
  WelcomeEmailPayload,
} from '@app/notify';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { randomBytes } from 'node:crypto';
import { createServer, AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CreateNotifyTables1764100000000 } from '../../migrations/1764100000000-CreateNotifyTables';
import { AddOutboxRunAt1764300000000 } from '../../migrations/1764300000000-AddOutboxRunAt';
import { AddDeliveryTracking1764960000000 } from '../../migrations/1764960000000-AddDeliveryTracking';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { recipients, until } from '../support/polling';

const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = { host: '127.0.0.1', port: 6379 };
const SCHEMA = {
  entities: NOTIFY_ENTITIES,
  migrations: [
    CreateNotifyTables1764100000000,
    AddOutboxRunAt1764300000000,
    AddDeliveryTracking1764960000000,
  ],
};

interface Db {
  url: string;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database with only this lib's migration applied. */
async function createDatabase(migrate = true): Promise<Db> {
  const name = `notify_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (migrate) {
    const dataSource = new DataSource(buildDataSourceOptions(url.toString(), SCHEMA, 2));
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
  }
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function configFor(db: Db, smtpUrl: string | null, prefix: string, outboxPollMs: number) {
  return loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: `redis://${REDIS.host}:${REDIS.port}`,
    SMTP_URL: smtpUrl ?? undefined,
    QUEUE_PREFIX: prefix,
    OUTBOX_POLL_MS: String(outboxPollMs),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
  });
}

/** Stands in for identity's issuer (its tables are not in this schema); the link it would mail. */
const linkFor = (userId: string): string =>
  `https://portal.example/set-password?token=for-${userId}`;

@Global()
@Module({
  providers: [
    { provide: INVITATION_LINKS, useValue: { linkFor: async (userId: string) => linkFor(userId) } },
  ],
  exports: [INVITATION_LINKS],
})
class TestInvitationLinksModule {}

/** The worker's notify wiring on real PostgreSQL, Redis and SMTP. */
async function startWorker(db: Db, sink: SmtpSink, prefix: string, pollMs: number) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(configFor(db, sink.url, prefix, pollMs)),
      DatabaseModule.forRoot({ entities: NOTIFY_ENTITIES, migrations: [] }),
      BullModule.forRoot({ connection: REDIS, prefix }),
      NotifyModule,
      NotifyWorkerModule,
      TestInvitationLinksModule,
    ],
  }).compile();
  return moduleRef.init();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until BullMQ reports the job completed; once it is, its mail has been accepted. */
async function jobDone(queue: Queue, id: string): Promise<void> {
  await until(`job ${id}`, async () => {
    const state = await queue.getJobState(id);
    if (state === 'failed') {
      const job = await queue.getJob(id);
      throw new Error(`job ${id} failed: ${job?.failedReason ?? '?'}`);
    }
    return state === 'completed' ? true : undefined;
  });
}

describe('notify: outbox → relay → BullMQ → mail worker → SMTP', () => {
  const prefix = `notify-e2e-${randomBytes(4).toString('hex')}`;
  let db: Db;
  let sink: SmtpSink;
  let app: TestingModule;
  let outbox: OutboxService;
  let relay: OutboxRelay;
  let transactions: TransactionRunner;
  let queue: Queue;
  let dataSource: DataSource;

  const mailsTo = (email: string): ParsedMail[] =>
    sink.messages.filter((mail) => recipients(mail).includes(email));

  function welcome(
    language: WelcomeEmailPayload['language'],
    extra: Partial<WelcomeEmailPayload> = {},
  ) {
    const tag = randomBytes(4).toString('hex');
    const payload: WelcomeEmailPayload = {
      userId: `user-${tag}`,
      email: `user-${tag}@customer.example`,
      displayName: `User ${tag}`,
      language,
      organisationName: 'Contoso <Holdings> & Co',
      loginUrl: `https://portal.example/login?u=${tag}`,
      invited: true,
      ...extra,
    };
    return payload;
  }

  function addInTransaction(...payloads: WelcomeEmailPayload[]): Promise<string[]> {
    return transactions.run(async (manager) => {
      const ids: string[] = [];
      for (const payload of payloads) ids.push(await outbox.add(manager, 'welcome-email', payload));
      return ids;
    });
  }

  beforeAll(async () => {
    db = await createDatabase();
    sink = await startSmtpSink();
    // A long poll interval: these tests drive the relay by hand with relayOnce().
    app = await startWorker(db, sink, prefix, 60_000);
    outbox = app.get(OutboxService);
    relay = app.get(OutboxRelay);
    transactions = app.get(TransactionRunner);
    queue = app.get<Queue>(getQueueToken('mail'));
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await app?.close();
    await sink?.stop();
    await db?.drop();
  });

  it('delivers a committed welcome mail once, in Japanese, with its links', async () => {
    const payload = welcome('ja');
    const before = sink.messages.length;
    const [id] = await addInTransaction(payload);
    if (id === undefined) throw new Error('no outbox id');

    expect(await relay.relayOnce()).toBe(1);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    await jobDone(queue, id);

    expect(mailsTo(payload.email)).toHaveLength(1);
    expect(mail?.subject).toBe('MDRオンボーディングポータルへようこそ（Contoso <Holdings> & Co）');
    expect(mail?.from?.text).toContain('no-reply@portal.example');
    expect(mail?.headers.get('x-mdr-notification-id')).toBe(id);
    expect(mail?.text).toContain(`${payload.displayName} 様`);
    expect(mail?.text).toContain('Contoso <Holdings> & Co');
    expect(mail?.text).toContain(payload.loginUrl);
    expect(mail?.text).toContain(linkFor(payload.userId));
    const html = mail?.html === false ? '' : (mail?.html ?? '');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('Contoso &lt;Holdings&gt; &amp; Co');
    expect(html).toContain('パスワードを設定する');

    const row = await dataSource.getRepository(OutboxMessage).findOneByOrFail({ id });
    expect(row.dispatchedAt).toBeInstanceOf(Date);
    expect(row.attempts).toBe(0);
    expect(await dataSource.getRepository(SentNotification).countBy({ outboxId: id })).toBe(1);
  });

  it('writes each mail in the language of its recipient', async () => {
    const en = welcome('en');
    const zh = welcome('zh', { invited: false });
    const ids = await addInTransaction(en, zh);
    expect(await relay.relayOnce()).toBe(2);
    for (const id of ids) await jobDone(queue, id);

    const [enMail] = mailsTo(en.email);
    const [zhMail] = mailsTo(zh.email);
    expect(mailsTo(en.email)).toHaveLength(1);
    expect(mailsTo(zh.email)).toHaveLength(1);
    expect(enMail?.subject).toBe('Welcome to the MDR onboarding portal (Contoso <Holdings> & Co)');
    expect(enMail?.text).toContain('please choose your password');
    expect(zhMail?.subject).toBe('欢迎使用 MDR 接入门户（Contoso <Holdings> & Co）');
    expect(zhMail?.text).toContain(`${zh.displayName}，您好`);
    expect(zhMail?.text).toContain(zh.loginUrl);
    // No set-password link in the payload, so no set-password paragraph.
    expect(zhMail?.text).not.toContain('设置您的密码');
  });

  it('sends nothing for a rolled-back transaction', async () => {
    const payload = welcome('en');
    await expect(
      transactions.run(async (manager) => {
        await outbox.add(manager, 'welcome-email', payload);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');

    expect(await relay.relayOnce()).toBe(0);
    const pending = await dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where(`m.payload ->> 'email' = :email`, { email: payload.email })
      .getCount();
    expect(pending).toBe(0);
    expect(mailsTo(payload.email)).toHaveLength(0);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(outbox.add(dataSource.manager, 'welcome-email', welcome('en'))).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('sends once however often the message is relayed or the job added', async () => {
    const payload = welcome('en');
    const [id] = await addInTransaction(payload);
    if (id === undefined) throw new Error('no outbox id');
    expect(await relay.relayOnce()).toBe(1);
    expect(await relay.relayOnce()).toBe(0);
    await jobDone(queue, id);

    // A relay that crashed after enqueueing but before marking: the row is pending again.
    await dataSource.getRepository(OutboxMessage).update(id, { dispatchedAt: null });
    expect(await relay.relayOnce()).toBe(1);
    // The same job id again, straight to the queue: BullMQ keeps the one job it has.
    await queue.add('welcome-email', payload, { jobId: id });
    expect(await queue.getJobCounts('wait', 'active', 'delayed')).toEqual({
      wait: 0,
      active: 0,
      delayed: 0,
    });
    const first = await queue.getJob(id);
    expect(first?.attemptsMade).toBe(1);

    // Once BullMQ has forgotten the job, a redelivery runs the handler, and the ledger holds.
    await first?.remove();
    await queue.add('welcome-email', payload, { jobId: id });
    await jobDone(queue, id);
    expect(mailsTo(payload.email)).toHaveLength(1);
  });

  it('relays each message once with several relays at once (SKIP LOCKED)', async () => {
    const payloads = Array.from({ length: 12 }, () => welcome('ja'));
    const ids = await addInTransaction(...payloads);
    const counts = await Promise.all([1, 2, 3].map(() => relay.relayOnce(5)));
    const more = await relay.relayOnce();
    expect(counts.reduce((a, b) => a + b, 0) + more).toBe(12);
    for (const id of ids) await jobDone(queue, id);
    for (const payload of payloads) expect(mailsTo(payload.email)).toHaveLength(1);
  });

  it('skips, rather than waits for, a message another relay holds', async () => {
    const [held, free] = await addInTransaction(welcome('en'), welcome('zh'));
    if (held === undefined || free === undefined) throw new Error('no outbox id');
    const other = dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query('SELECT id FROM outbox_message WHERE id = $1 FOR UPDATE', [held]);
      // Would block until the other transaction ends without SKIP LOCKED.
      expect(await relay.relayOnce()).toBe(1);
      const repo = dataSource.getRepository(OutboxMessage);
      expect((await repo.findOneByOrFail({ id: free })).dispatchedAt).toBeInstanceOf(Date);
      expect((await repo.findOneByOrFail({ id: held })).dispatchedAt).toBeNull();
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await relay.relayOnce()).toBe(1);
    await jobDone(queue, held);
    await jobDone(queue, free);
  });

  it('keeps a message while Redis is away and relays it afterwards', async () => {
    const deadPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const deadQueue = new Queue('mail', {
      prefix,
      connection: {
        ...REDIS,
        port: deadPort,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      },
    });
    deadQueue.on('error', () => undefined);
    const offline = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(configFor(db, sink.url, prefix, 60_000)),
        DatabaseModule.forRoot({ entities: NOTIFY_ENTITIES, migrations: [] }),
      ],
      providers: [OutboxRelay, { provide: getQueueToken('mail'), useValue: deadQueue }],
    }).compile();
    const payload = welcome('zh');
    const [id] = await addInTransaction(payload);
    if (id === undefined) throw new Error('no outbox id');
    try {
      expect(await offline.get(OutboxRelay).relayOnce()).toBe(0);
    } finally {
      await offline.close();
      await deadQueue.close().catch(() => undefined);
    }

    const repo = dataSource.getRepository(OutboxMessage);
    const failed = await repo.findOneByOrFail({ id });
    expect(failed.dispatchedAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toBeTruthy();
    // Backed off: not relayed before its time...
    expect(await relay.relayOnce()).toBe(0);
    // ...and relayed once it is due.
    await repo.update(id, { availableAt: new Date(Date.now() - 1000) });
    expect(await relay.relayOnce()).toBe(1);
    await jobDone(queue, id);
    expect(mailsTo(payload.email)).toHaveLength(1);
  });

  it('stops promptly on close even while an enqueue hangs, and keeps the message', async () => {
    let calls = 0;
    // A queue whose add never answers, like ioredis queueing commands while Redis is away.
    const hangingQueue = {
      add: (): Promise<never> => {
        calls += 1;
        return new Promise<never>(() => undefined);
      },
    };
    const stuck = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(configFor(db, sink.url, prefix, 20)),
        DatabaseModule.forRoot({ entities: NOTIFY_ENTITIES, migrations: [] }),
      ],
      providers: [OutboxRelay, { provide: getQueueToken('mail'), useValue: hangingQueue }],
    }).compile();
    await stuck.init();
    const payload = welcome('ja');
    const [id] = await addInTransaction(payload);
    if (id === undefined) throw new Error('no outbox id');
    await until('the hanging enqueue', async () => (calls > 0 ? true : undefined));
    const started = Date.now();
    await stuck.close();
    expect(Date.now() - started).toBeLessThan(2000);

    const repo = dataSource.getRepository(OutboxMessage);
    const kept = await repo.findOneByOrFail({ id });
    expect(kept.dispatchedAt).toBeNull();
    expect(kept.lastError).toMatch(/shutting down/);
    await repo.update(id, { availableAt: new Date(Date.now() - 1000) });
    expect(await relay.relayOnce()).toBe(1);
    await jobDone(queue, id);
    expect(mailsTo(payload.email)).toHaveLength(1);
  });

  it('enqueues a message with runAt at once, as a delayed job that runs then', async () => {
    const payload = welcome('en');
    const runAt = new Date(Date.now() + 1500);
    const id = await transactions.run((manager) =>
      outbox.add(manager, 'welcome-email', payload, { runAt }),
    );
    expect(await relay.relayOnce()).toBe(1);
    expect(await queue.getJobState(id)).toBe('delayed');
    const job = await queue.getJob(id);
    expect(job?.opts.delay).toBeGreaterThan(500);
    expect(job?.opts.delay).toBeLessThanOrEqual(1500);
    expect(mailsTo(payload.email)).toHaveLength(0);
    await jobDone(queue, id);
    expect(Date.now()).toBeGreaterThanOrEqual(runAt.getTime() - 50);
    expect(mailsTo(payload.email)).toHaveLength(1);
  });

  it('writes a keyed message once, even from concurrent transactions, and can withdraw it', async () => {
    const key = `test:${randomBytes(6).toString('hex')}`;
    const payloads = [welcome('en'), welcome('en'), welcome('en')];
    const first = await transactions.run((m) =>
      outbox.add(m, 'welcome-email', payloads[0]!, { dedupeKey: key }),
    );
    const again = await transactions.run((m) =>
      outbox.add(m, 'welcome-email', payloads[1]!, { dedupeKey: key }),
    );
    expect(again).toBe(first);

    const racing = `test:${randomBytes(6).toString('hex')}`;
    const ids = await Promise.all(
      [0, 1, 2].map(() =>
        transactions.run(async (m) => {
          const id = await outbox.add(m, 'welcome-email', payloads[2]!, { dedupeKey: racing });
          await sleep(50); // hold the transaction open so the others wait on its row
          return id;
        }),
      ),
    );
    expect(new Set(ids).size).toBe(1);
    const repo = dataSource.getRepository(OutboxMessage);
    expect(await repo.countBy({ dedupeKey: racing })).toBe(1);

    const withdrawn = `test:${randomBytes(6).toString('hex')}`;
    const kept = await transactions.run(async (m) => {
      await outbox.add(m, 'welcome-email', welcome('zh'), { dedupeKey: withdrawn });
      expect(await outbox.withdraw(m, withdrawn)).toBe(true);
      return outbox.withdraw(m, withdrawn);
    });
    expect(kept).toBe(false);
    expect(await repo.countBy({ dedupeKey: withdrawn })).toBe(0);

    expect(await relay.relayOnce()).toBe(2);
    await jobDone(queue, first);
    await jobDone(queue, ids[0]!);
    // A relayed message is the queue's now: it cannot be withdrawn.
    expect(await transactions.run((m) => outbox.withdraw(m, key))).toBe(false);
    expect(mailsTo(payloads[0]!.email)).toHaveLength(1);
    expect(mailsTo(payloads[1]!.email)).toHaveLength(0);
    expect(mailsTo(payloads[2]!.email)).toHaveLength(1);
  });

  it('polls on its own and stops cleanly when the app closes', async () => {
    const poller = await startWorker(db, sink, prefix, 50);
    const payload = welcome('en');
    await addInTransaction(payload);
    await until('polled mail', async () => (mailsTo(payload.email).length > 0 ? true : undefined));
    await poller.close();

    // Only the stopped poller could relay this one (the main app polls once a minute).
    const [late] = await addInTransaction(welcome('en'));
    if (late === undefined) throw new Error('no outbox id');
    await sleep(300);
    const row = await dataSource.getRepository(OutboxMessage).findOneByOrFail({ id: late });
    expect(row.dispatchedAt).toBeNull();
    expect(await relay.relayOnce()).toBe(1);
    await jobDone(queue, late);
    expect(mailsTo(payload.email)).toHaveLength(1);
  });
});

describe('notify: dev mailbox (no SMTP_URL)', () => {
  let db: Db;
  let app: TestingModule;

  beforeAll(async () => {
    db = await createDatabase();
    app = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(configFor(db, null, 'unused', 60_000)),
        DatabaseModule.forRoot({ entities: NOTIFY_ENTITIES, migrations: [] }),
        NotifyModule,
      ],
    }).compile();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('keeps mail in the dev mailbox and lists it newest first, all of it or one recipient’s', async () => {
    const mailer = app.get<Mailer>(MAILER);
    await mailer.send({ to: 'a@customer.example', subject: 'first', html: '<p>1</p>', text: '1' });
    await mailer.send({ to: 'b@customer.example', subject: 'second', html: '<p>2</p>', text: '2' });
    const mailbox = app.get(DevMailboxService);
    const all = await mailbox.list(10, null);
    expect(all.map((m) => m.subject)).toEqual(['second', 'first']);
    expect(all[0]).toMatchObject({ to: 'b@customer.example', html: '<p>2</p>', text: '2' });
    expect(await mailbox.list(1, null)).toHaveLength(1);
    expect((await mailbox.list(10, 'A@Customer.example')).map((m) => m.subject)).toEqual(['first']);
  });
});

describe('notify: migration', () => {
  it('goes up, down and up again', async () => {
    const db = await createDatabase(false);
    const dataSource = new DataSource(buildDataSourceOptions(db.url, SCHEMA, 2));
    const tables = async (): Promise<string[]> => {
      const rows: { name: string }[] = await dataSource.query(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`,
      );
      return rows.map((r) => r.name);
    };
    try {
      await dataSource.initialize();
      await dataSource.runMigrations();
      expect(await tables()).toEqual([
        'dev_mailbox_message',
        'outbox_message',
        'sent_notification',
      ]);
      for (const _ of SCHEMA.migrations) await dataSource.undoLastMigration();
      expect(await tables()).toEqual([]);
      await dataSource.runMigrations();
      expect(await tables()).toHaveLength(3);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
