import { OutboxMessage } from '@app/notify';
import { Clock, redisOptionsFromUrl } from '@app/platform';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { IsNull, Not } from 'typeorm';
import { decideByLink, sendDomainConfirmation } from '../../support/domain-confirmation-driver';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../../support/onboarding-driver';
import { SmtpSink } from '../../support/smtp-sink';
import { TestApp } from '../../support/test-app';
import { TEST_REDIS_URL } from '../../support/test-env';
import { recipients, until } from '../../support/polling';
export { until };

/** The real stack with a worker and an SMTP sink: mails, delayed jobs and both processes' clocks. */
export class IncidentHarness {
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

  /** Moves the API's and the worker's business clocks alike. */
  travel(at: Date): void {
    this.t.app.get(Clock).travelTo(at);
    this.t.worker?.get(Clock).travelTo(at);
  }

  now(): Date {
    return this.t.app.get(Clock).now();
  }

  mail(to: string, subjectStart: string, after = 0): Promise<ParsedMail> {
    return until(`a mail to ${to} "${subjectStart}…"`, () =>
      this.sink.messages
        .slice(after)
        .find((m) => recipients(m).includes(to) && (m.subject ?? '').startsWith(subjectStart)),
    );
  }

  /** Runs a delayed job now, as if its time had come (the clocks must have been moved there). */
  async runDelayed(dedupeKey: string): Promise<void> {
    const message = await until(
      `outbox ${dedupeKey} relayed`,
      async () =>
        (await this.t.dataSource
          .getRepository(OutboxMessage)
          .findOneBy({ dedupeKey, dispatchedAt: Not(IsNull()) })) ?? undefined,
    );
    const job = await until(
      `job ${message.id}`,
      async () => (await this.queue.getJob(message.id)) ?? undefined,
    );
    if ((await job.getState()) === 'delayed') await job.promote();
    await until(`job ${message.id} completed`, async () => {
      const state = await this.queue.getJobState(message.id);
      if (state === 'failed')
        throw new Error(`job failed: ${(await this.queue.getJob(message.id))?.failedReason}`);
      return state === 'completed' ? true : undefined;
    });
  }

  async call(email: string, method: 'get' | 'post' | 'put', path: string, body: object = {}) {
    return this.t
      .http()
      [method](path)
      .set('Authorization', await this.tokens.for(email))
      .send(body);
  }

  /**
   * Sakura's service started: documents proposed and approved, every required step driven (the
   * domain-permission mail confirmed through the SMTP sink), then start-service.
   */
  async startSakuraService(engagementId: string): Promise<void> {
    await proposeSakuraDocuments(this.t, this.tokens, engagementId);
    const id = await createSakuraOnboarding(this.t, this.tokens);
    await this.driveToStart(id, engagementId);
  }

  /** Drives every required step still open of an onboarding (each by its person), then starts the service. */
  async driveToStart(id: string, engagementId: string): Promise<void> {
    for (let round = 0; round < 60; round += 1) {
      const actionable = (await steps(this.t, this.tokens, id)).filter(
        (s) => s.requiredForStart && (s.state === 'open' || s.state === 'stale'),
      );
      if (actionable.length === 0) break;
      for (const { key } of actionable) {
        const current = (await steps(this.t, this.tokens, id)).find((s) => s.key === key);
        if (!(current?.state === 'open' || current?.state === 'stale')) continue;
        if (key === 'domain_permission_email') await this.confirmDomainBySink(id);
        else await drive(this.t, this.tokens, id, current, engagementId);
      }
    }
    const started = await this.call(
      'lead@mdr.example',
      'post',
      `/api/onboardings/${id}/start-service`,
    );
    if (started.status !== 200 && started.status !== 201)
      throw new Error(`start-service: ${started.status} ${JSON.stringify(started.body)}`);
  }

  private async confirmDomainBySink(onboardingId: string): Promise<void> {
    const after = this.sink.messages.length;
    await sendDomainConfirmation(this.t, await this.tokens.for('lead@mdr.example'), onboardingId, [
      'security@sakura.example',
    ]);
    const mail = await until('the domain-permission mail', () =>
      this.sink.messages
        .slice(after)
        .find(
          (m) =>
            recipients(m).includes('security@sakura.example') &&
            /\/confirm\/[A-Za-z0-9_-]{43}/.test(m.text ?? ''),
        ),
    );
    const token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1] ?? '';
    const decided = await decideByLink(this.t, token, 'approve');
    if (decided.status !== 200) throw new Error(`domain confirmation: ${decided.status}`);
  }

  engagementId(): Promise<string> {
    return sakuraEngagementId(this.t, this.tokens);
  }

  async close(): Promise<void> {
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close();
  }
}
