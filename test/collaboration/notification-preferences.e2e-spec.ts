import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OutboxMessage } from '@app/notify';
import { Clock, redisOptionsFromUrl } from '@app/platform';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { recipients, until } from '../support/polling';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { csrfFrom, portalAgent, signIn } from '../portal/portal-client';

/*
 * Notification preferences on the real stack: API (server mode) → outbox → relay → BullMQ on
 * Redis → worker → SMTP on loopback. A step opening waits on three people of Sakura: the
 * security lead keeps the default (at once), Japanese IT turned opened steps off, Chinese IT
 * chose the daily digest at 12:00 in Asia/Shanghai. The digest job is run by two workers at
 * once, before and at that local hour, with their business clocks moved.
 */

const SECURITY = 'security@sakura.example';
const IT_JP = 'it-jp@sakura.example';
const IT_CN = 'it-cn@sakura.example';
const WELCOME = /^(Welcome to|MDRオンボーディングポータルへようこそ|欢迎使用)/;

describe('notification preferences: at once, daily digest, off, mandatory', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let tokens: Tokens;
  let queue: Queue;
  let second: INestApplicationContext;
  let onboardingId: string;

  /** Mails to `to` other than the welcome mail the seed sent everyone. */
  const mailsTo = (to: string): ParsedMail[] =>
    sink.messages.filter((m) => recipients(m).includes(to) && !WELCOME.test(m.subject ?? ''));

  async function put(email: string, body: object): Promise<{ status: number; body: unknown }> {
    const response = await t
      .http()
      .put('/api/me/notification-preferences')
      .set('Authorization', await tokens.for(email))
      .send(body);
    return { status: response.status, body: response.body as unknown };
  }

  async function jobDone(jobId: string): Promise<void> {
    await until(`job ${jobId} completed`, async () => {
      const state = await queue.getJobState(jobId);
      if (state === 'failed')
        throw new Error(`job ${jobId} failed: ${(await queue.getJob(jobId))?.failedReason}`);
      return state === 'completed' ? true : undefined;
    });
  }

  /** Runs the digest job twice at the same moment (as two workers' schedulers or a retry would). */
  async function runDigests(at: Date, label: string): Promise<void> {
    for (const context of [t.worker, second]) context?.get(Clock).travelTo(at);
    const ids = [`digests-${label}-a`, `digests-${label}-b`];
    await Promise.all(ids.map((jobId) => queue.add('notification-digests', {}, { jobId })));
    for (const jobId of ids) await jobDone(jobId);
  }

  async function outboxDone(jobName: string): Promise<void> {
    await until(`every ${jobName} message handled`, async () => {
      const rows = await t.dataSource.getRepository(OutboxMessage).findBy({ jobName });
      return rows.length > 0 && rows.every((r) => r.completedAt !== null) ? rows : undefined;
    });
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    tokens = new Tokens(t);
    queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t.config.queuePrefix,
    });
    second = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), {
      logger: false,
    });
    await second.init();
  });

  afterAll(async () => {
    await second?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await t?.close();
    await sink?.stop();
  });

  it('starts with every kind at once, the mandatory ones locked', async () => {
    const response = await t
      .http()
      .get('/api/me/notification-preferences')
      .set('Authorization', await tokens.for(SECURITY))
      .expect(200);
    expect(response.body).toEqual({
      digestHour: 9,
      kinds: [
        { kind: 'step_opened', delivery: 'immediate', mandatory: false },
        { kind: 'reminder', delivery: 'immediate', mandatory: false },
        { kind: 'step_overdue', delivery: 'immediate', mandatory: false },
        { kind: 'mention', delivery: 'immediate', mandatory: false },
        { kind: 'comment', delivery: 'immediate', mandatory: false },
        { kind: 'approval_requested', delivery: 'immediate', mandatory: false },
        { kind: 'approval_decided', delivery: 'immediate', mandatory: false },
        { kind: 'incident_update', delivery: 'immediate', mandatory: false },
        { kind: 'detection', delivery: 'immediate', mandatory: false },
        { kind: 'response_action_approval', delivery: 'immediate', mandatory: true },
        { kind: 'signature_request', delivery: 'immediate', mandatory: true },
        { kind: 'escalation', delivery: 'immediate', mandatory: true },
        { kind: 'account_security', delivery: 'immediate', mandatory: true },
      ],
    });
  });

  it('refuses to turn a mandatory kind off or into the digest, and changes nothing', async () => {
    for (const delivery of ['off', 'digest']) {
      const refused = await put(SECURITY, {
        deliveries: { reminder: 'digest', response_action_approval: delivery },
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'NOTIFICATION_KIND_MANDATORY',
        details: { kinds: ['response_action_approval'] },
      });
    }
    const after = await t
      .http()
      .get('/api/me/notification-preferences')
      .set('Authorization', await tokens.for(SECURITY))
      .expect(200);
    expect(after.body.kinds[1]).toEqual({
      kind: 'reminder',
      delivery: 'immediate',
      mandatory: false,
    });
  });

  it('answers 400 naming the field for an unknown kind, delivery or hour', async () => {
    const unknownKind = await put(SECURITY, { deliveries: { gossip: 'off' } });
    expect(unknownKind.status).toBe(400);
    expect(JSON.stringify(unknownKind.body)).toContain('deliveries.gossip');
    const badDelivery = await put(SECURITY, { deliveries: { reminder: 'weekly' } });
    expect(badDelivery.status).toBe(400);
    expect(JSON.stringify(badDelivery.body)).toContain('deliveries.reminder');
    const badHour = await put(SECURITY, { digestHour: 24 });
    expect(badHour.status).toBe(400);
    expect(JSON.stringify(badHour.body)).toContain('digestHour');
  });

  it('saves each person’s choices and audits the change', async () => {
    expect((await put(IT_JP, { deliveries: { step_opened: 'off' } })).status).toBe(200);
    await t
      .http()
      .patch('/api/me')
      .set('Authorization', await tokens.for(IT_CN))
      .send({ timeZone: 'Asia/Shanghai' })
      .expect(200);
    const saved = await put(IT_CN, { deliveries: { step_opened: 'digest' }, digestHour: 12 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ digestHour: 12 });
    const audited = (await t.dataSource.query(
      `SELECT a.changes FROM audit_record a JOIN app_user u ON u.id::text = a.subject_id
        WHERE a.action = 'user.notification_preferences_changed' AND u.email = $1`,
      [IT_CN],
    )) as { changes: { to: { digestHour: number } } }[];
    expect(audited.map((a) => a.changes.to.digestHour)).toEqual([12]);
  });

  it('mails at once by default, holds for the digest or records without sending as chosen', async () => {
    onboardingId = await createSakuraOnboarding(t, tokens);
    await until('the security lead’s mail', () =>
      mailsTo(SECURITY).find((m) => (m.subject ?? '').startsWith('【ご対応のお願い】')),
    );
    await outboxDone('step-opened');
    expect(mailsTo(IT_JP)).toEqual([]);
    expect(mailsTo(IT_CN)).toEqual([]);
    const held = (await t.dataSource.query(
      `SELECT u.email, h.kind, h.delivery, h.subject, h.link, h.digest_id AS "digestId"
         FROM held_notification h JOIN app_user u ON u.id = h.user_id ORDER BY u.email`,
    )) as { email: string; kind: string; delivery: string; subject: string; link: string }[];
    expect(held).toEqual([
      expect.objectContaining({
        email: IT_CN,
        kind: 'step_opened',
        delivery: 'digest',
        digestId: null,
      }),
      expect.objectContaining({ email: IT_JP, kind: 'step_opened', delivery: 'off' }),
    ]);
    expect(held[0].subject).toMatch(/^【待您处理】.+（Sakura Manufacturing）$/);
    expect(held[0].link).toBe(`${t.config.publicUrl}/onboardings/${onboardingId}`);
  });

  it('sends the digest once at the local hour, however many workers run it', async () => {
    // 11:59 in Shanghai: not yet.
    await runDigests(new Date('2026-11-03T03:59:00Z'), 'early');
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_digest`))[0].n,
    ).toBe(0);
    // 12:00 in Shanghai: one digest, one mail, from two workers each running the job twice.
    await runDigests(new Date('2026-11-03T04:00:30Z'), 'due');
    await runDigests(new Date('2026-11-03T04:20:00Z'), 'again');
    await outboxDone('notification-digest-mail');
    const digests = mailsTo(IT_CN);
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest.subject).toBe('【每日摘要】2026年11月3日：1 条通知');
    expect(digest.text).toMatch(/【待您处理】.+（Sakura Manufacturing）/);
    expect(digest.text).toContain(`${t.config.publicUrl}/onboardings/${onboardingId}`);
    expect(digest.text).toContain(`${t.config.publicUrl}/account/notifications`);
    const rows = (await t.dataSource.query(
      `SELECT d.digest_date::text AS day, count(h.id)::int AS items
         FROM notification_digest d JOIN held_notification h ON h.digest_id = d.id GROUP BY d.id`,
    )) as { day: string; items: number }[];
    expect(rows).toEqual([{ day: '2026-11-03', items: 1 }]);
    // What was turned off stays recorded and is never mailed, not even in a digest.
    expect(mailsTo(IT_JP)).toEqual([]);
  });

  it('shows the settings page with the mandatory kinds locked, and keeps a refused form', async () => {
    const agent = portalAgent(t);
    await signIn(agent, IT_CN);
    const page = await agent.get('/account/notifications').expect(200);
    expect(page.text).toContain('通知设置');
    expect(page.text).toMatch(/data-testid="kind-escalation" data-locked="true"/);
    expect(page.text).toMatch(/data-testid="kind-account_security" data-locked="true"/);
    expect(page.text).toContain('始终立即发送：与安全相关或法律要求，不能关闭。');
    expect(page.text).not.toMatch(/data-testid="kind-detection" data-locked/);
    expect(page.text).toMatch(/<option value="digest" selected>汇总到每日摘要<\/option>/);
    expect(page.text).toMatch(/<option value="12" selected>12:00<\/option>/);
    const csrf = await csrfFrom(agent, '/account/notifications');
    const refused = await agent.post('/account/notifications').type('form').send({
      _csrf: csrf,
      step_opened: 'off',
      reminder: 'digest',
      escalation: 'off',
      digestHour: '7',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('此类通知与安全相关，始终立即发送');
    // The choices as posted are still there to correct.
    expect(refused.text).toMatch(
      /id="delivery-step_opened" name="step_opened">[^]*?<option value="off" selected>/,
    );
    expect(refused.text).toMatch(/<option value="7" selected>07:00<\/option>/);
    const saved = await agent
      .post('/account/notifications')
      .type('form')
      .send({ _csrf: csrf, step_opened: 'off', reminder: 'digest', digestHour: '7' });
    expect(saved.status).toBe(303);
    const api = await t
      .http()
      .get('/api/me/notification-preferences')
      .set('Authorization', await tokens.for(IT_CN))
      .expect(200);
    expect(api.body.digestHour).toBe(7);
    expect(api.body.kinds.slice(0, 2)).toEqual([
      { kind: 'step_opened', delivery: 'off', mandatory: false },
      { kind: 'reminder', delivery: 'digest', mandatory: false },
    ]);
  });
});
