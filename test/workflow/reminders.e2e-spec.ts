// date-sensitive: reminders and escalations before and after due dates (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OutboxMessage, StepReminderPayload } from '@app/notify';
import { Language, User } from '@app/identity';
import { Clock, redisOptionsFromUrl } from '@app/platform';
import {
  BUILT_IN_TEMPLATES,
  notificationKeys,
  OnboardingStep,
  StepDefinition,
} from '@app/workflow';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { IsNull, Not } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createAgreementObjects, providerIdOf } from '../agreements/support/agreements-driver';
import { sampleCatalogue } from '../agreements/support/fixtures';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { TEST_CLOCK_START } from '../support/test-clock';
import { TEST_REDIS_URL } from '../support/test-env';
import { recipients, sleep, until } from '../support/polling';

/*
 * Step notifications on the real stack: API (server mode) → outbox → relay → BullMQ on Redis →
 * worker → SMTP on loopback. The clock is moved only where a job is scheduled (the API for a
 * step that opens, a worker for a follow-up reminder), so a reminder due "in two days" comes in
 * a second or two; the delayed job itself really waits in Redis and runs in a worker.
 */

const DAY_MS = 24 * 3600 * 1000;
const PUBLIC_URL = 'http://127.0.0.1:3000';
const CUSTOMER = 'Sakura Manufacturing';

/** A planned start far enough ahead that every business time in these tests lies in the future. */
const PLANNED_START = new Date(TEST_CLOCK_START.getTime() + 200 * DAY_MS)
  .toISOString()
  .slice(0, 10);

function definition(stepKey: string): StepDefinition {
  const template = BUILT_IN_TEMPLATES.find((t) => t.key === 'edr-mdr-onboarding');
  const step = template?.steps.find((s) => s.key === stepKey);
  if (!step) throw new Error(`no step ${stepKey}`);
  return step;
}

function dueOf(stepKey: string): Date {
  return new Date(
    Date.parse(`${PLANNED_START}T00:00:00Z`) + definition(stepKey).dueOffsetDays * DAY_MS,
  );
}

function title(stepKey: string, language: Language): string {
  return definition(stepKey).title[language];
}

function jaDate(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

function notificationId(mail: ParsedMail): string {
  return String(mail.headers.get('x-mdr-notification-id') ?? '');
}

function html(mail: ParsedMail): string {
  return mail.html === false ? '' : (mail.html ?? '');
}

/** The mail helpers and workflow lookups every block below uses. */
class Harness {
  readonly tokens: Tokens;
  readonly queue: Queue;

  constructor(
    readonly t: TestApp,
    readonly sink: SmtpSink,
  ) {
    this.tokens = new Tokens(t);
    this.queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t.config.queuePrefix,
    });
  }

  get clock(): Clock {
    return this.t.app.get(Clock);
  }

  mails(to: string, subjectStart: string): ParsedMail[] {
    return this.sink.messages.filter(
      (m) => recipients(m).includes(to) && (m.subject ?? '').startsWith(subjectStart),
    );
  }

  mail(to: string, subjectStart: string, ms?: number): Promise<ParsedMail> {
    return until(`a mail to ${to} "${subjectStart}…"`, () => this.mails(to, subjectStart)[0], ms);
  }

  async createOnboarding(): Promise<string> {
    const engagementId = await sakuraEngagementId(this.t, this.tokens);
    const response = await this.t
      .http()
      .post('/api/onboardings')
      .set('Authorization', await this.tokens.for('lead@mdr.example'))
      .send({ engagementId, templateKey: 'edr-mdr-onboarding', plannedStartDate: PLANNED_START });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async act(email: string, id: string, path: string, body: object = {}): Promise<void> {
    const response = await this.t
      .http()
      .post(`/api/onboardings/${id}/steps/${path}`)
      .set('Authorization', await this.tokens.for(email))
      .send(body);
    expect([200, 201]).toContain(response.status);
  }

  /** Any API call as that user, expecting that status. */
  async call(
    email: string,
    method: 'get' | 'post' | 'put',
    path: string,
    body: object,
    status: number,
  ): Promise<void> {
    const response = await this.t
      .http()
      [method](path)
      .set('Authorization', await this.tokens.for(email))
      .send(body);
    if (response.status !== status)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  step(id: string, key: string): Promise<OnboardingStep> {
    return this.t.dataSource
      .getRepository(OnboardingStep)
      .findOneByOrFail({ onboardingId: id, key });
  }

  outbox(dedupeKey: string): Promise<OutboxMessage | null> {
    return this.t.dataSource.getRepository(OutboxMessage).findOneBy({ dedupeKey });
  }

  /** The outbox message once the relay has handed it to BullMQ. */
  relayed(dedupeKey: string): Promise<OutboxMessage> {
    return until(`outbox message ${dedupeKey} relayed`, async () => {
      const row = await this.t.dataSource
        .getRepository(OutboxMessage)
        .findOneBy({ dedupeKey, dispatchedAt: Not(IsNull()) });
      return row ?? undefined;
    });
  }

  /** Waits until BullMQ has finished the job (its mail, if any, has been accepted by then). */
  async jobDone(jobId: string): Promise<void> {
    await until(`job ${jobId} completed`, async () => {
      const state = await this.queue.getJobState(jobId);
      if (state === 'failed')
        throw new Error(`job ${jobId} failed: ${(await this.queue.getJob(jobId))?.failedReason}`);
      return state === 'completed' ? true : undefined;
    });
  }

  async startWorker(): Promise<INestApplicationContext> {
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(this.t.config), {
      logger: false,
    });
    await worker.init();
    return worker;
  }

  async close(): Promise<void> {
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close();
  }
}

describe('step notifications: opened, reminders, escalation, stale approvals', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: Harness;
  let id: string;
  let engagementId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new Harness(t, sink);
    // Two days before the first step is due, less 8 s: its first reminder is due in 8 s. The
    // onboarding must exist before then (a loaded machine took 2.4 s to create it), or the first
    // reminder's slot has passed and the schedule's next one is days later.
    h.clock.travelTo(new Date(dueOf('mdr_requirements_defined').getTime() - 2 * DAY_MS - 8000));
    id = await h.createOnboarding();
    // The provider's catalogue and agreement v1 (proposed): the provider-requirements check
    // then passes, and the agreement is there to approve and to change.
    engagementId = await sakuraEngagementId(t, new Tokens(t));
    await createAgreementObjects(t, {
      engagementId,
      providerId: await providerIdOf(t),
      providerLead: 'lead@mdr.example',
      emailDomain: 'sakura.example',
      password: TEST_PASSWORD,
    });
  });

  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('tells the assignees of each open step, each in their own language, with the link', async () => {
    const link = `${PUBLIC_URL}/onboardings/${id}`;
    const security = await h.mail('security@sakura.example', '【ご対応のお願い】');
    expect(security.subject).toBe(
      `【ご対応のお願い】${title('mdr_requirements_defined', 'ja')}（${CUSTOMER}）`,
    );
    expect(security.text).toContain('佐藤 花子 様');
    expect(security.text).toContain('セキュリティ責任者としてご対応をお願いいたします');
    expect(security.text).toContain(`期限：${jaDate(dueOf('mdr_requirements_defined'))}`);
    expect(security.text).toContain(link);
    expect(html(security)).toContain('<html lang="ja">');
    expect(html(security)).toContain(`href="${link}"`);

    // endpoint_inventory waits on country IT: the Japanese one reads Japanese, the Chinese one Chinese.
    const itJp = await h.mail('it-jp@sakura.example', '【ご対応のお願い】');
    expect(itJp.subject).toBe(
      `【ご対応のお願い】${title('endpoint_inventory', 'ja')}（${CUSTOMER}）`,
    );
    expect(itJp.text).toContain('鈴木 一郎 様');
    const itCn = await h.mail('it-cn@sakura.example', '【待您处理】');
    expect(itCn.subject).toBe(`【待您处理】${title('endpoint_inventory', 'zh')}（${CUSTOMER}）`);
    expect(itCn.text).toContain('王 伟，您好');
    expect(itCn.text).toContain(link);
    expect(html(itCn)).toContain('<html lang="zh-Hans">');

    // Exactly those three were written: nobody else is waited on yet.
    const opened = await t.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where(`m.job_name = 'step-opened' AND m.payload ->> 'onboardingId' = :id`, { id })
      .getMany();
    const users = await t.dataSource
      .getRepository(User)
      .findBy(opened.map((m) => ({ id: (m.payload as { userId: string }).userId })));
    expect(users.map((u) => u.email).sort()).toEqual([
      'it-cn@sakura.example',
      'it-jp@sakura.example',
      'security@sakura.example',
    ]);
  });

  it('sends the reminder when it is due, once, and schedules the next one per the schedule', async () => {
    const step = await h.step(id, 'mdr_requirements_defined');
    const first = await h.relayed(notificationKeys.reminder(step, 1));
    const reminder = await h.mail('security@sakura.example', '【リマインド】', 15_000);
    expect(reminder.subject).toBe(
      `【リマインド】${title('mdr_requirements_defined', 'ja')}（${CUSTOMER}）`,
    );
    expect(notificationId(reminder)).toBe(first.id);
    expect(reminder.text).toContain(
      `期限は${jaDate(dueOf('mdr_requirements_defined'))}です（あと2日）`,
    );
    expect(reminder.text).toContain('リマインド 1 回目');
    await h.jobDone(first.id);

    // Reminder 2 is two days after the due date (the default schedule), written once.
    const second = await h.outbox(notificationKeys.reminder(step, 2));
    expect((second?.payload as StepReminderPayload).at).toBe(
      new Date(dueOf('mdr_requirements_defined').getTime() + 2 * DAY_MS).toISOString(),
    );
    expect(second?.runAt?.getTime()).toBeGreaterThan(Date.now() + DAY_MS);
    await sleep(300);
    expect(h.mails('security@sakura.example', '【リマインド】')).toHaveLength(1);
  });

  it('sends nothing for a step completed before its reminder fires, and the chain ends', async () => {
    // The provider's catalogue lacks the agreement's language for now, so the automatic
    // provider_requirements_check opens failing when the requirements are done: its first
    // reminder is due 4 s later.
    const catalogue = `/api/providers/${await providerIdOf(t)}/catalogue`;
    await h.call(
      'lead@mdr.example',
      'put',
      catalogue,
      { ...sampleCatalogue(), languages: ['en'] },
      200,
    );
    h.clock.travelTo(new Date(dueOf('provider_requirements_check').getTime() - 2 * DAY_MS - 4000));
    await h.act('security@sakura.example', id, 'mdr_requirements_defined/complete');
    const step = await h.step(id, 'provider_requirements_check');
    expect(step.state).toBe('open');
    const scheduled = await h.outbox(notificationKeys.reminder(step, 1));
    expect(scheduled).not.toBeNull();

    // The next step is due 1.5 s after it opens (for the escalation test below). The provider
    // puts its catalogue right: the check passes in that transaction and is done by itself.
    h.clock.travelTo(new Date(dueOf('communication_language').getTime() - 1500));
    await h.call('lead@mdr.example', 'put', catalogue, sampleCatalogue(), 200);
    expect((await h.step(id, 'provider_requirements_check')).state).toBe('done');

    // The reminder job runs at its time and finds the step done.
    await h.jobDone((await h.relayed(notificationKeys.reminder(step, 1))).id);
    expect(h.mails('lead@mdr.example', 'Reminder:')).toEqual([]);
    expect(await h.outbox(notificationKeys.reminder(step, 2))).toBeNull();
  });

  it('escalates an overdue step to the engagement’s account manager', async () => {
    const step = await h.step(id, 'communication_language');
    expect(step.state).toBe('open');
    const escalation = await h.mail('am@mdr.example', 'Overdue:', 15_000);
    expect(escalation.subject).toBe(
      `Overdue: ${title('communication_language', 'en')} (${CUSTOMER})`,
    );
    expect(escalation.text).toContain('Hello Avery Account-Manager,');
    expect(escalation.text).toContain(`Step: ${title('communication_language', 'en')}`);
    expect(escalation.text).toContain(`Waiting on: ${CUSTOMER}, Security lead (佐藤 花子)`);
    expect(escalation.text).toContain('Overdue by: less than a day');
    expect(escalation.text).toContain(`${PUBLIC_URL}/onboardings/${id}`);
    const row = await h.relayed(notificationKeys.escalation(step));
    expect(notificationId(escalation)).toBe(row.id);
    await h.jobDone(row.id);
    expect(h.mails('am@mdr.example', 'Overdue:')).toHaveLength(1);
  });

  it('tells the approver when what they approved changes', async () => {
    h.clock.travelTo(new Date(Date.parse(`${PLANNED_START}T00:00:00Z`) - 150 * DAY_MS));
    // The customer approves agreement v1 (deciding the language step); then the provider
    // proposes v2 with another language, so the language approval goes stale.
    const agreement = `/api/engagements/${engagementId}/agreement`;
    await h.call('security@sakura.example', 'post', `${agreement}/versions/1/approve`, {}, 200);
    await h.call(
      'lead@mdr.example',
      'post',
      agreement,
      { communication: { primaryLanguage: 'en', otherLanguages: [], channels: ['email'] } },
      201,
    );
    await h.call('lead@mdr.example', 'post', `${agreement}/versions/2/propose`, {}, 200);
    const step = await h.step(id, 'communication_language');
    expect(step.state).toBe('stale');

    // The agreement's own step goes stale too; this is the language step's mail.
    const languageStale = `【再承認のお願い】${title('communication_language', 'ja')}`;
    const mail = await h.mail('security@sakura.example', languageStale);
    expect(mail.subject).toBe(
      `【再承認のお願い】${title('communication_language', 'ja')}（${CUSTOMER}）`,
    );
    expect(mail.text).toContain(
      `${jaDate(h.clock.now())}にご承認いただいた「${title('communication_language', 'ja')}」の内容が、その後変更されました`,
    );
    expect(mail.text).toContain(`${PUBLIC_URL}/onboardings/${id}`);
    const row = await h.relayed(notificationKeys.approvalStale(step));
    expect(notificationId(mail)).toBe(row.id);
    expect(row.payload).toMatchObject({ stepId: step.id, openedAt: step.openedAt?.toISOString() });
    await h.jobDone(row.id);
    // The specific mail replaced the generic "waiting for you" one of the same opening.
    const security = await t.dataSource
      .getRepository(User)
      .findOneByOrFail({ email: 'security@sakura.example' });
    expect((row.payload as { approverUserId: string }).approverUserId).toBe(security.id);
    expect(await h.outbox(notificationKeys.opened(step, security.id))).toBeNull();
    expect(h.mails('security@sakura.example', languageStale)).toHaveLength(1);
    // The agreement's own stale mail is a job of its own: wait for it rather than race it.
    const agreementStale = `【再承認のお願い】${title('service_agreement', 'ja')}`;
    await until("the agreement step's stale mail", () =>
      h.mails('security@sakura.example', agreementStale).length > 0 ? true : undefined,
    );
    expect(h.mails('security@sakura.example', agreementStale)).toHaveLength(1);
  });
});

describe('delayed reminders across worker restarts and with several workers', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: Harness;
  let id: string;
  const workers: INestApplicationContext[] = [];
  const reminders = () => h.mails('security@sakura.example', '【リマインド】');

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, env: { SMTP_URL: sink.url } });
    h = new Harness(t, sink);
    workers.push(await h.startWorker());
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('keeps a delayed reminder through a worker restart, and the new worker sends it', async () => {
    h.clock.travelTo(new Date(dueOf('mdr_requirements_defined').getTime() - 2 * DAY_MS - 4000));
    id = await h.createOnboarding();
    const step = await h.step(id, 'mdr_requirements_defined');
    const row = await h.relayed(notificationKeys.reminder(step, 1));
    expect(await h.queue.getJobState(row.id)).toBe('delayed');

    const old = workers.pop() as INestApplicationContext;
    await old.close();
    // No worker at all now: the job waits in Redis.
    expect(await h.queue.getJobState(row.id)).toBe('delayed');
    expect(reminders()).toEqual([]);

    workers.push(await h.startWorker());
    const reminder = await h.mail('security@sakura.example', '【リマインド】', 15_000);
    expect(notificationId(reminder)).toBe(row.id);
    await h.jobDone(row.id);
    expect(reminders()).toHaveLength(1);
  });

  it('sends each reminder once with two workers at once, even if its job is delivered twice', async () => {
    workers.push(await h.startWorker());
    const before = reminders().length;
    const due = dueOf('mdr_requirements_defined');
    // Both workers think reminder 2 (two days after the due date) is 4 s away: they schedule it.
    for (const worker of workers)
      worker.get(Clock).travelTo(new Date(due.getTime() + 2 * DAY_MS - 4000));
    // The API thinks reminder 1 is 2 s away when the step opens again.
    h.clock.travelTo(new Date(due.getTime() - 2 * DAY_MS - 2000));
    await h.act('security@sakura.example', id, 'mdr_requirements_defined/complete');
    await h.act('security@sakura.example', id, 'mdr_requirements_defined/reopen', {
      reason: 'requirements changed',
    });
    const step = await h.step(id, 'mdr_requirements_defined');
    expect(step.state).toBe('open');

    // The same reminder a second time under another job id, as if a job had been duplicated.
    const first = await h.relayed(notificationKeys.reminder(step, 1));
    const duplicate = `duplicate-${first.id}`;
    const job = await h.queue.getJob(first.id);
    const delay = Math.max(0, (job?.timestamp ?? Date.now()) + (job?.opts.delay ?? 0) - Date.now());
    await h.queue.add('step-reminder', first.payload as StepReminderPayload, {
      jobId: duplicate,
      delay,
    });

    const second = await h.relayed(notificationKeys.reminder(step, 2));
    await Promise.all([h.jobDone(first.id), h.jobDone(duplicate), h.jobDone(second.id)]);
    await sleep(500);

    const mails = reminders().slice(before);
    expect(mails.map((m) => m.text?.match(/リマインド (\d) 回目/)?.[1]).sort()).toEqual(['1', '2']);
    expect(mails.filter((m) => notificationId(m) === second.id)).toHaveLength(1);
    // Each follow-up exists once in the outbox, whichever worker wrote it.
    const rows = await t.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { jobName: 'step-reminder' } });
    const keys = rows.map((r) => r.dedupeKey);
    expect(keys.filter((k) => k === notificationKeys.reminder(step, 2))).toHaveLength(1);
    expect(keys.filter((k) => k === notificationKeys.reminder(step, 3))).toHaveLength(1);
  });
});
