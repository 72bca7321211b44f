import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { workerOptionsFromEnv } from '@app/platform/queue';
import { InjectRepository } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import { IsNull, Repository } from 'typeorm';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { JobPayloads } from '../outbox/job-payloads';
import { JOB_QUEUES, MAIL_QUEUE, MailJobName } from '../outbox/job-routing';
import { JobHandlerRegistry } from './job-handler-registry';

const MAIL_JOB_NAMES = (Object.keys(JOB_QUEUES) as (keyof typeof JOB_QUEUES)[]).filter(
  (name): name is MailJobName => JOB_QUEUES[name] === MAIL_QUEUE,
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isMailJobName(name: string): name is MailJobName {
  return (MAIL_JOB_NAMES as readonly string[]).includes(name);
}

/**
 * Consumes the mail queue, dispatching each job by name to the one handler registered for it
 * (`JobHandlerRegistry`; handlers of other libs, e.g. workflow reminders, register there too).
 * The worker options follow the run mode (a short drainDelay on embedded PGlite, where NOTIFY
 * is lost).
 */
@Processor(MAIL_QUEUE, { ...workerOptionsFromEnv(), concurrency: 4 })
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    @InjectRepository(OutboxMessage) private readonly outbox: Repository<OutboxMessage>,
  ) {
    super();
  }

  /** A process that consumes the mail queue should handle all of it: say so if it cannot. */
  onApplicationBootstrap(): void {
    const missing = this.registry.missing(MAIL_JOB_NAMES);
    if (missing.length > 0) {
      this.logger.warn(
        `No handler registered for mail jobs ${missing.join(', ')}: such jobs will be retried ` +
          'until a worker that has one takes them (import the module that registers them)',
      );
    }
  }

  async process(job: Job): Promise<void> {
    const name = job.name;
    // Retrying cannot fix a job we do not know or one without its outbox id.
    if (!isMailJobName(name)) throw new UnrecoverableError(`No handler for job "${name}"`);
    if (job.id === undefined) throw new UnrecoverableError(`Job "${name}" has no id`);
    await this.dispatch(name, job.id, job.data as JobPayloads[typeof name]);
    // Done: the relay's reconciler leaves the message alone from now on. Should this update
    // fail, the job fails and is retried, and the handler's ledger makes the retry a no-op.
    // (A job added by hand, not from the outbox, has no row to mark.)
    if (!UUID.test(job.id)) return;
    await this.outbox.update({ id: job.id, completedAt: IsNull() }, { completedAt: () => 'now()' });
  }

  private dispatch<N extends MailJobName>(
    name: N,
    outboxId: string,
    payload: JobPayloads[N],
  ): Promise<void> {
    const handler = this.registry.handlerFor(name);
    // A known job this process was built without (e.g. during a rolling deploy): let it retry,
    // another worker may have the handler.
    if (handler === undefined) throw new Error(`No handler registered here for job "${name}"`);
    return handler.handle(outboxId, payload);
  }
}
