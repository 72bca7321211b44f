import { Processor, WorkerHost } from '@nestjs/bullmq';
import { workerOptionsFromEnv } from '@app/platform/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads } from '../outbox/job-payloads';
import { JOB_QUEUES, MAIL_QUEUE, MailJobName } from '../outbox/job-routing';
import { JobHandler } from './job-handler';
import { WelcomeEmailHandler } from './welcome-email.handler';

type MailHandlers = { readonly [N in MailJobName]: JobHandler<N> };

function isMailJobName(name: string): name is MailJobName {
  return (
    Object.prototype.hasOwnProperty.call(JOB_QUEUES, name) &&
    JOB_QUEUES[name as MailJobName] === MAIL_QUEUE
  );
}

/**
 * Consumes the mail queue: one handler per job name, the mapping checked by the compiler. The
 * worker options follow the run mode (a short drainDelay on embedded PGlite, where NOTIFY is lost).
 */
@Processor(MAIL_QUEUE, { ...workerOptionsFromEnv(), concurrency: 4 })
export class MailProcessor extends WorkerHost {
  private readonly handlers: MailHandlers;

  constructor(welcome: WelcomeEmailHandler) {
    super();
    this.handlers = { 'welcome-email': welcome };
  }

  async process(job: Job): Promise<void> {
    const name = job.name;
    // Retrying cannot fix a job we do not know or one without its outbox id.
    if (!isMailJobName(name)) throw new UnrecoverableError(`No handler for job "${name}"`);
    if (job.id === undefined) throw new UnrecoverableError(`Job "${name}" has no id`);
    await this.dispatch(name, job.id, job.data as JobPayloads[typeof name]);
  }

  private dispatch<N extends MailJobName>(
    name: N,
    outboxId: string,
    payload: JobPayloads[N],
  ): Promise<void> {
    return this.handlers[name].handle(outboxId, payload);
  }
}
