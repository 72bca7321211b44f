import { NotificationLedger, SentNotification } from '@app/notify';
import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';

/** NotificationLedger.once on PostgreSQL: concurrent runs of one notification send it once. */
describe('NotificationLedger.once', () => {
  let t: TestApp;
  let ledger: NotificationLedger;
  beforeAll(async () => {
    t = await startTestApp();
    ledger = new NotificationLedger(t.dataSource.getRepository(SentNotification), t.config);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets one of two simultaneous runs send; the other fails to retry, and its retry is a no-op', async () => {
    const id = randomUUID();
    let sends = 0;
    const slowSend = async (): Promise<void> => {
      sends += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    const results = await Promise.allSettled([
      ledger.once(id, 'welcome-email', slowSend),
      ledger.once(id, 'welcome-email', slowSend),
    ]);
    expect(sends).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: expect.objectContaining({
        message: expect.stringContaining('being sent by another run'),
      }),
    });
    expect(await ledger.once(id, 'welcome-email', slowSend)).toBe(false);
    expect(sends).toBe(1);
  });

  it('gives the claim back when the send fails, so the retry sends', async () => {
    const id = randomUUID();
    await expect(
      ledger.once(id, 'welcome-email', () => Promise.reject(new Error('SMTP down'))),
    ).rejects.toThrow('SMTP down');
    let sent = false;
    expect(
      await ledger.once(id, 'welcome-email', async () => {
        sent = true;
      }),
    ).toBe(true);
    expect(sent).toBe(true);
  });

  it('takes over a claim whose lease ran out (the worker that claimed it died)', async () => {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO sent_notification (outbox_id, job_name, sending_until) VALUES ($1, 'welcome-email', now() - interval '1 second')`,
      [id],
    );
    let sent = false;
    expect(
      await ledger.once(id, 'welcome-email', async () => {
        sent = true;
      }),
    ).toBe(true);
    expect(sent).toBe(true);
    expect(
      (await t.dataSource.getRepository(SentNotification).findOneByOrFail({ outboxId: id }))
        .sendingUntil,
    ).toBeNull();
  });
});
