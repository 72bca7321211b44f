import { redisOptionsFromUrl } from '@app/platform/queue';
import { Queue } from 'bullmq';
import type { ParsedMail } from 'mailparser';
import {
  decideByLink,
  sendDomainConfirmation,
  tokenFromMail,
} from '../support/domain-confirmation-driver';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { driveUntilOpen, recipientOf, requestSignature } from '../support/signature-driver';
import { HoldingSmtpSink, startHoldingSmtpSink } from '../support/smtp-sink';
import { RunningWorker, spawnWorker } from '../support/spawn-worker';
import { TEST_REDIS_URL } from '../support/test-env';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * A worker killed while a mail is in flight (the SMTP server has the DATA but has not answered
 * 250) still yields exactly one mail per recipient, and the link in the mail that arrived is the
 * valid one. The handlers issue the link's token when they send (so it is never stored in plain
 * text), record the send in the ledger after the 250 (`NotificationLedger.once`), and a retried
 * send issues a fresh token: the domain-permission sender revokes the earlier one.
 *
 * The window that remains: a crash after the server's 250 but before the ledger row commits. The
 * retried job finds no ledger row and mails again (at least once, never lost). It is bounded to
 * that one message: the job id is the outbox id, so the relay enqueues each message once
 * however often it retries, the ledger is keyed by that id, and the window is one INSERT long.
 * The second mail's link is the valid one and the first's is revoked (domain permission) or
 * simply unused (signature links live with their request). Reminders use the opposite ledger
 * mode (`atMostOnce`): a crash there loses the reminder rather than doubling it.
 *
 * Needs `npm run build` (the worker runs as a real child process from dist/).
 */
const SECURITY = 'security@sakura.example';
const IT = 'it-jp@sakura.example';
const LEGAL = 'legal@sakura.example';

describe('mail from a real worker process: killed mid-send, and the reminder when due', () => {
  let t: TestApp;
  let sink: HoldingSmtpSink;
  let tokens: Tokens;
  let onboardingId: string;
  let queue: Queue;
  const workers: RunningWorker[] = [];

  const startWorker = async (): Promise<RunningWorker> => {
    const worker = await spawnWorker({
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.config.queuePrefix,
      JWT_SECRET: t.config.jwtSecret,
      SESSION_SECRET: t.config.sessionSecret,
      SMTP_URL: sink.url,
      PUBLIC_URL: t.config.publicUrl,
      OUTBOX_POLL_MS: '50',
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // A killed worker's job goes back to the queue within about two lock times.
      JOB_LOCK_MS: '1500',
      // ...and the send it had claimed in the ledger is free again soon after.
      NOTIFICATION_SEND_LEASE_MS: '2000',
    });
    workers.push(worker);
    return worker;
  };
  /** The sends the ledger records as made (a claim still in progress has `sending_until`). */
  const ledger = async (jobName: string): Promise<string[]> =>
    (
      (await t.dataSource.query(
        `SELECT outbox_id FROM sent_notification WHERE job_name = $1 AND sending_until IS NULL`,
        [jobName],
      )) as { outbox_id: string }[]
    ).map((r) => r.outbox_id);
  const until = async (
    what: string,
    done: () => Promise<boolean>,
    timeoutMs = 30_000,
  ): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; worker output:\n${workers.map((w) => w.output()).join('\n---\n')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** Nothing left that could still send these mails: each of their jobs completed, no job waiting or running. */
  const drained = async (jobName: string): Promise<void> =>
    until(`the ${jobName} jobs to complete`, async () => {
      const ids = (
        (await t.dataSource.query(
          `SELECT id FROM outbox_message WHERE job_name = $1 AND dispatched_at IS NOT NULL`,
          [jobName],
        )) as { id: string }[]
      ).map((r) => r.id);
      const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized');
      return (
        ids.length > 0 &&
        states.every((state) => state === 'completed') &&
        counts.wait + counts.active + counts.prioritized === 0
      );
    });
  const mailsOf = (kind: string, to: string): ParsedMail[] =>
    sink.messages.filter((m) => recipientOf(m) === to && (m.text ?? '').includes(kind));

  beforeAll(async () => {
    sink = await startHoldingSmtpSink();
    // The API runs here without a worker; the worker runs as a child process per scenario.
    t = await startTestApp({ seed: true, env: { SMTP_URL: sink.url } });
    queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t.config.queuePrefix,
    });
    tokens = new Tokens(t);
    const engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    await driveUntilOpen(
      t,
      tokens,
      onboardingId,
      engagementId,
      'domain_permission_email',
      steps,
      drive,
    );
    // The setup's own notifications are not under test: only what the scenarios send is relayed.
    await t.dataSource.query(
      `UPDATE outbox_message SET dispatched_at = now() WHERE dispatched_at IS NULL`,
    );
  });
  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await queue?.close();
    await t?.close();
    await sink?.stop();
  });

  it('domain-permission email to two recipients: the one in flight is sent again once, its link confirms the step', async () => {
    const lead = await tokens.for('lead@mdr.example');
    const held = sink.holdNext([SECURITY, IT]);
    const items = await sendDomainConfirmation(t, lead, onboardingId, [SECURITY, IT]);
    const first = await startWorker();
    const [inFlight] = (await held).recipients;
    const other = inFlight === SECURITY ? IT : SECURITY;
    // The other recipient's mail is delivered and recorded before the crash.
    await until(
      'the other mail and its ledger row',
      async () =>
        mailsOf('/confirm/', other).length === 1 &&
        (await ledger('domain-permission-email')).length === 1,
    );
    await first.kill();
    sink.dropHeld();
    expect(mailsOf('/confirm/', inFlight ?? '')).toHaveLength(0);

    await startWorker();
    await until(
      'the mail in flight to be sent again',
      async () => mailsOf('/confirm/', inFlight ?? '').length >= 1,
    );
    await drained('domain-permission-email');
    expect(mailsOf('/confirm/', SECURITY)).toHaveLength(1);
    expect(mailsOf('/confirm/', IT)).toHaveLength(1);
    expect((await ledger('domain-permission-email')).sort()).toHaveLength(2);

    // The crashed attempt had issued (and the retry revoked) a token of its own.
    const retried = items.find((i) => i.recipient === inFlight);
    const issued = (await t.dataSource.query(
      `SELECT used_at FROM one_time_token WHERE subject_id = $1 ORDER BY created_at`,
      [retried?.id],
    )) as { used_at: Date | null }[];
    expect(issued.map((row) => row.used_at === null)).toEqual([false, true]);

    const decided = await decideByLink(
      t,
      tokenFromMail(mailsOf('/confirm/', inFlight ?? '')[0]?.text ?? ''),
      'approve',
    );
    expect(decided.status).toBe(200);
    const step = (await steps(t, tokens, onboardingId)).find(
      (s) => s.key === 'domain_permission_email',
    );
    expect(step?.state).toBe('done');
  });

  it('signature request to an external signer: exactly one mail, and its signing link opens', async () => {
    const [running] = workers.slice(-1);
    const held = sink.holdNext([LEGAL]);
    const request = await requestSignature(t, tokens, onboardingId, {
      document: 'authorisation_letter',
      signerName: 'Aiko Tanaka',
      signerEmail: LEGAL,
    });
    expect((await held).recipients).toEqual([LEGAL]);
    await running?.kill();
    sink.dropHeld();

    await startWorker();
    await until('the signature mail', async () => mailsOf('/sign/', LEGAL).length >= 1);
    await drained('signature-request');
    expect(mailsOf('/sign/', LEGAL)).toHaveLength(1);
    const link = /\/sign\/([A-Za-z0-9_-]{43})/.exec(mailsOf('/sign/', LEGAL)[0]?.text ?? '')?.[1];
    expect(link).toBeDefined();
    const page = await t.http().get(`/sign/${link}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(request.documentSha256);
  });

  it('the signature reminder, once due (its delayed job promoted), reaches the signer once, in the customer language, with a link that opens', async () => {
    const [reminder] = (await t.dataSource.query(
      `SELECT id FROM outbox_message WHERE job_name = 'signature-reminder' AND payload->>'requestId' IS NOT NULL`,
    )) as { id: string }[];
    if (!reminder) throw new Error('no reminder was scheduled');
    await until(
      'the reminder to wait in the queue',
      async () => (await queue.getJobState(reminder.id)) === 'delayed',
    );
    // The delay lives in the queue (it survives worker restarts): making it due is the queue's clock moving on.
    await (await queue.getJob(reminder.id))?.promote();
    await until(
      'the reminder to be sent',
      async () => (await queue.getJobState(reminder.id)) === 'completed',
    );
    const reminders = sink.messages.filter(
      (m) => recipientOf(m) === LEGAL && (m.subject ?? '').includes('リマインド'),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toContain('署名のお願い');
    const link = /\/sign\/([A-Za-z0-9_-]{43})/.exec(reminders[0]?.text ?? '')?.[1];
    expect((await t.http().get(`/sign/${link}`)).status).toBe(200);
    expect(await ledger('signature-reminder')).toEqual([reminder.id]);
  });
});
