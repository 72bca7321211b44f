import { getQueueToken } from '@nestjs/bullmq';
import { MAIL_QUEUE, OutboxMessage, reconcileOutbox, WelcomeEmailPayload } from '@app/notify';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * The outbox reconciler: a message relayed to BullMQ but never completed (its job lost with a
 * Redis that restarted without persistence) is handed back to the relay and sent once; a job
 * BullMQ still has (here one that failed for good) is not run again.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

function welcome(email: string): WelcomeEmailPayload {
  return {
    userId: randomUUID(),
    email,
    displayName: 'Reconciled',
    language: 'en',
    organisationName: 'Northwind Retail',
    loginUrl: 'http://127.0.0.1:3000/login',
    invited: false,
  };
}

/** Inserts an outbox row as the relay would have left it; times are SQL expressions. */
async function row(
  t: TestApp,
  payload: object,
  times: {
    created?: string;
    dispatched: string | null;
    completed?: string | null;
    runAt?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await t.dataSource.query(
    `INSERT INTO outbox_message (id, job_name, payload, created_at, available_at, dispatched_at, completed_at, run_at)
     VALUES ($1, 'welcome-email', $2, ${times.created ?? 'now()'}, now(), ${times.dispatched ?? 'NULL'}, ${times.completed ?? 'NULL'}, ${times.runAt ?? 'NULL'})`,
    [id, JSON.stringify(payload)],
  );
  return id;
}

describe('outbox reconciliation (the pass itself, on PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hands back exactly the rows relayed long enough ago, not completed, within the horizon', async () => {
    const lost = await row(t, welcome('a@x.example'), {
      dispatched: "now() - interval '10 seconds'",
    });
    const recent = await row(t, welcome('b@x.example'), {
      dispatched: "now() - interval '200 milliseconds'",
    });
    const completed = await row(t, welcome('c@x.example'), {
      dispatched: "now() - interval '10 seconds'",
      completed: "now() - interval '9 seconds'",
    });
    const pending = await row(t, welcome('d@x.example'), { dispatched: null });
    const ancient = await row(t, welcome('e@x.example'), {
      created: "now() - interval '8 days'",
      dispatched: "now() - interval '8 days'",
    });
    const delayed = await row(t, welcome('f@x.example'), {
      created: "now() - interval '8 days'",
      dispatched: "now() - interval '10 seconds'",
      runAt: "now() + interval '3 days'",
    });

    const handed = await reconcileOutbox(t.dataSource.manager, 5_000);
    expect(handed.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: lost, notYetDue: false },
        { id: delayed, notYetDue: true },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const rows = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy([lost, recent, completed, pending, ancient, delayed].map((id) => ({ id })));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(lost)?.dispatchedAt).toBeNull();
    expect(byId.get(delayed)?.dispatchedAt).toBeNull();
    expect(byId.get(recent)?.dispatchedAt).not.toBeNull();
    expect(byId.get(completed)?.dispatchedAt).not.toBeNull();
    expect(byId.get(ancient)?.dispatchedAt).not.toBeNull();
    // A second pass finds nothing more; a limit is honoured.
    expect(await reconcileOutbox(t.dataSource.manager, 5_000)).toEqual([]);
    await row(t, welcome('g@x.example'), { dispatched: "now() - interval '10 seconds'" });
    await row(t, welcome('h@x.example'), { dispatched: "now() - interval '10 seconds'" });
    expect(await reconcileOutbox(t.dataSource.manager, 5_000, 1)).toHaveLength(1);
  });

  it('hands back due messages before delayed ones not yet due, however long those were relayed', async () => {
    await reconcileOutbox(t.dataSource.manager, 5_000); // what the previous test left
    const waiting = await row(t, welcome('i@x.example'), {
      dispatched: "now() - interval '1 hour'",
      runAt: "now() + interval '3 days'",
    });
    const lost = await row(t, welcome('j@x.example'), {
      dispatched: "now() - interval '10 seconds'",
    });
    expect(await reconcileOutbox(t.dataSource.manager, 5_000, 1)).toEqual([
      { id: lost, notYetDue: false },
    ]);
    expect(await reconcileOutbox(t.dataSource.manager, 5_000, 1)).toEqual([
      { id: waiting, notYetDue: true },
    ]);
  });
});

describe('outbox reconciliation with the relay and the mail worker', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      withWorker: true,
      env: { SMTP_URL: sink.url, OUTBOX_RECONCILE_AFTER_MS: '1000' },
    });
    queue = t.worker?.get<Queue>(getQueueToken(MAIL_QUEUE)) as Queue;
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await t?.close();
    await sink?.stop();
  });

  const outboxRow = (id: string) =>
    t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id });

  it('re-sends, once, a message whose job the queue lost, and records its completion', async () => {
    // Relayed 5 s ago, but BullMQ never heard of it (as after a Redis restart).
    const id = await row(t, welcome('lost@x.example'), {
      dispatched: "now() - interval '5 seconds'",
    });
    const [mail] = await sink.waitFor(1);
    expect(mail?.headers.get('x-mdr-notification-id')).toBe(id);
    await until('completion recorded', async () =>
      (await outboxRow(id)).completedAt ? true : undefined,
    );
    expect(await queue.getJobState(id)).toBe('completed');
    // Later passes leave a completed message alone: still one mail.
    await sleep(2_500);
    expect(sink.messages.filter((m) => m.headers.get('x-mdr-notification-id') === id)).toHaveLength(
      1,
    );
  });

  it('does not run again a job that BullMQ failed for good', async () => {
    const id = randomUUID();
    // A job under the message's id that fails unrecoverably (no handler for its name).
    await queue.add('no-such-job', {}, { jobId: id, attempts: 1 });
    await until('the job to fail', async () =>
      (await queue.getJobState(id)) === 'failed' ? true : undefined,
    );
    await t.dataSource.query(
      `INSERT INTO outbox_message (id, job_name, payload, dispatched_at) VALUES ($1, 'welcome-email', $2, now() - interval '5 seconds')`,
      [id, JSON.stringify(welcome('failed@x.example'))],
    );
    const before = (await outboxRow(id)).dispatchedAt?.getTime() ?? 0;
    // The reconciler hands it back and the relay enqueues it again: a no-op add for BullMQ.
    await until('the message relayed again', async () =>
      ((await outboxRow(id)).dispatchedAt?.getTime() ?? 0) > before ? true : undefined,
    );
    await sleep(1_000);
    expect(await queue.getJobState(id)).toBe('failed');
    expect((await outboxRow(id)).completedAt).toBeNull();
    expect(sink.messages.filter((m) => m.headers.get('x-mdr-notification-id') === id)).toEqual([]);
  });
});
