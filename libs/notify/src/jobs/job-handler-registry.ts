import { Injectable } from '@nestjs/common';
import { JobName } from '../outbox/job-payloads';
import { JobHandler } from './job-handler';

type Handlers = { [N in JobName]?: JobHandler<N> };

/**
 * One job name, one handler, across libs: a handler registers itself in its constructor, e.g.
 * `registry.register('step-reminder', this)`, and the processors dispatch through here. The
 * payload type of each name is checked by the compiler on both sides. Registering in the
 * constructor (not in `onModuleInit`) means every handler is known before any BullMQ worker
 * starts consuming, since @nestjs/bullmq starts them in `onModuleInit`.
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers: Handlers = {};

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers[name] !== undefined) {
      throw new Error(`Job "${name}" already has a handler; one job name, one handler`);
    }
    this.handlers[name] = handler as Handlers[N];
  }

  handlerFor<N extends JobName>(name: N): JobHandler<N> | undefined {
    return this.handlers[name] as JobHandler<N> | undefined;
  }

  /** The given names that have no handler in this process. */
  missing(names: readonly JobName[]): JobName[] {
    return names.filter((name) => this.handlers[name] === undefined);
  }
}
