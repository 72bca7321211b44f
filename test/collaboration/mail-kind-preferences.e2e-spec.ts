import { CHOOSABLE_NOTIFICATION_KINDS, OutboxMessage } from '@app/notify';
import { Clock, redisOptionsFromUrl } from '@app/platform';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import {
  detectionJson,
  engagementIdOf,
  insertEndpoint,
  postDetection,
  sign,
} from '../protection/support/protection-driver';
import { Tokens } from '../support/onboarding-driver';
import { recipients, until } from '../support/polling';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';

/*
 * Mails that used to bypass the preferences, on the real stack (API → outbox → relay → BullMQ
 * on Redis → worker → SMTP on loopback): EDR detection mails follow each person's choice for
 * `detection` (Japanese IT turned them off, Chinese IT gathers them in a 12:00 digest in
 * Asia/Shanghai); the security lead turned every choosable kind off, so a block-mode switch
 * asked of them is only recorded, while a mandatory mail (a password reset) still reaches them.
 */

const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';
const IT_JP = 'it-jp@sakura.example';
const IT_CN = 'it-cn@sakura.example';
const DETECTION = /(ID|id)[：:]\s?edr-/;

describe('every mail through the preferences: detections off, in the digest; mandatory mail regardless', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let tokens: Tokens;
  let queue: Queue;
  let sakura: string;

  const mailsTo = (to: string, pattern: RegExp): ParsedMail[] =>
    sink.messages.filter(
      (m) => recipients(m).includes(to) && pattern.test(`${m.subject ?? ''}\n${m.text ?? ''}`),
    );

  async function put(email: string, body: object): Promise<{ status: number; body: unknown }> {
    const response = await t
      .http()
      .put('/api/me/notification-preferences')
      .set('Authorization', await tokens.for(email))
      .send(body);
    return { status: response.status, body: response.body as unknown };
  }

  async function outboxDone(jobName: string, count: number): Promise<void> {
    await until(`${count} ${jobName} messages handled`, async () => {
      const rows = await t.dataSource.getRepository(OutboxMessage).findBy({ jobName });
      return rows.length >= count && rows.every((r) => r.completedAt !== null) ? true : undefined;
    });
  }

  async function runDigests(at: Date, jobId: string): Promise<void> {
    t.worker?.get(Clock).travelTo(at);
    await queue.add('notification-digests', {}, { jobId });
    await until(`job ${jobId} completed`, async () => {
      const state = await queue.getJobState(jobId);
      if (state === 'failed')
        throw new Error(`job ${jobId} failed: ${(await queue.getJob(jobId))?.failedReason}`);
      return state === 'completed' ? true : undefined;
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
    sakura = await engagementIdOf(t, tokens, 'Sakura Manufacturing');
    await insertEndpoint(t, sakura, 'JP-PC-001', 'JP', 'Tokyo');
    await insertEndpoint(t, sakura, 'CN-PC-001', 'CN', 'Suzhou');
  }, 240_000);

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await t?.close();
    await sink?.stop();
  });

  it('refuses to turn the account and security mails off, and accepts every choosable kind off', async () => {
    const refused = await put(SECURITY, { deliveries: { account_security: 'off' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'NOTIFICATION_KIND_MANDATORY',
      details: { kinds: ['account_security'] },
    });
    const everythingOff = Object.fromEntries(CHOOSABLE_NOTIFICATION_KINDS.map((k) => [k, 'off']));
    expect((await put(SECURITY, { deliveries: everythingOff })).status).toBe(200);
    expect((await put(IT_JP, { deliveries: { detection: 'off' } })).status).toBe(200);
    await t
      .http()
      .patch('/api/me')
      .set('Authorization', await tokens.for(IT_CN))
      .send({ timeZone: 'Asia/Shanghai' })
      .expect(200);
    expect((await put(IT_CN, { deliveries: { detection: 'digest' }, digestHour: 12 })).status).toBe(
      200,
    );
  });

  it('records a detection without mailing it to who turned detections off, and holds it for who chose the digest', async () => {
    const routing = await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for(SECURITY))
      .send({ mode: 'per_country' })
      .expect(200);
    const secret = routing.body.webhookSecret as string;
    for (const [id, host] of [
      ['edr-jp-1', 'JP-PC-001'],
      ['edr-cn-1', 'CN-PC-001'],
    ]) {
      const body = detectionJson(id, host);
      await postDetection(t, sakura, body, sign(secret, body)).expect(201);
    }
    await outboxDone('detection-notification', 2);
    expect(mailsTo(IT_JP, DETECTION)).toEqual([]);
    expect(mailsTo(IT_CN, DETECTION)).toEqual([]);
    const held = (await t.dataSource.query(
      `SELECT u.email, h.kind, h.delivery, h.subject, h.link FROM held_notification h
         JOIN app_user u ON u.id = h.user_id ORDER BY u.email`,
    )) as { email: string; kind: string; delivery: string; subject: string; link: string }[];
    const link = `${t.config.publicUrl}/engagements/${sakura}/notification-routing#detections`;
    expect(held).toEqual([
      {
        email: IT_CN,
        kind: 'detection',
        delivery: 'digest',
        subject: expect.stringContaining('CN-PC-001 上的检测'),
        link,
      },
      {
        email: IT_JP,
        kind: 'detection',
        delivery: 'off',
        subject: expect.stringContaining('JP-PC-001 で検知'),
        link,
      },
    ]);
  });

  it('sends the held detection in the digest at the local hour; the one turned off never', async () => {
    // 12:00 in Shanghai on the next day.
    await runDigests(new Date('2026-11-03T04:00:30Z'), 'digests-due');
    await outboxDone('notification-digest-mail', 1);
    const digests = mailsTo(IT_CN, /每日摘要/);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('【每日摘要】2026年11月3日：1 条通知');
    expect(digests[0].text).toContain('CN-PC-001 上的检测');
    expect(digests[0].text).toContain(`/engagements/${sakura}/notification-routing#detections`);
    expect(mailsTo(IT_JP, /JP-PC-001/)).toEqual([]);
  });

  it('records a mode switch asked of the lead who turned approvals off; the requester hears of the decision', async () => {
    const base = `/api/engagements/${sakura}`;
    const created = await t
      .http()
      .post(`${base}/groups`)
      .set('Authorization', await tokens.for(LEAD))
      .send({ name: 'Office JP', kind: 'production', priority: 1, hostnames: ['JP-PC-001'] })
      .expect(201);
    const groupId = created.body.id as string;
    // Past the agreed tuning period: the group entered detect mode 45 days ago.
    await t.dataSource.query(
      `UPDATE group_policy SET mode_since = $2::timestamptz - make_interval(days => 45) WHERE group_id = $1`,
      [groupId, t.app.get(Clock).now()],
    );
    const requested = await t
      .http()
      .post(`${base}/groups/${groupId}/mode-switch`)
      .set('Authorization', await tokens.for(LEAD))
      .send({})
      .expect(201);
    await outboxDone('mode-switch-requested', 1);
    expect(mailsTo(SECURITY, /ブロックモード/)).toEqual([]);
    const held = (await t.dataSource.query(
      `SELECT h.kind, h.delivery, h.subject, h.link FROM held_notification h
         JOIN app_user u ON u.id = h.user_id WHERE u.email = $1`,
      [SECURITY],
    )) as { kind: string; delivery: string; subject: string; link: string }[];
    expect(held).toEqual([
      {
        kind: 'approval_requested',
        delivery: 'off',
        subject: expect.stringContaining('グループ「Office JP」のブロックモードへの切り替え'),
        link: `${t.config.publicUrl}/engagements/${sakura}/mode-switches`,
      },
    ]);
    await t
      .http()
      .post(`${base}/groups/${groupId}/mode-switch/${requested.body.id as string}/approve`)
      .set('Authorization', await tokens.for(SECURITY))
      .expect(200);
    const [decided] = await until('the decision mail', () => {
      const found = mailsTo(LEAD, /Approved: block mode for "Office JP"/);
      return found.length > 0 ? found : undefined;
    });
    expect(decided.text).toContain('is now in block mode');
  });

  it('mails a mandatory password reset to the security lead who turned everything off', async () => {
    await t.http().post('/api/auth/password-reset').send({ email: SECURITY }).expect(202);
    const [reset] = await until('the reset mail', () => {
      const found = mailsTo(SECURITY, /新しいパスワードの設定/);
      return found.length > 0 ? found : undefined;
    });
    expect(reset.text).toContain('/reset-password');
    // Nothing of the reset was held: only the mode switch is on the lead's record.
    const held = (await t.dataSource.query(
      `SELECT h.kind FROM held_notification h JOIN app_user u ON u.id = h.user_id WHERE u.email = $1`,
      [SECURITY],
    )) as { kind: string }[];
    expect(held).toEqual([{ kind: 'approval_requested' }]);
  });
});
