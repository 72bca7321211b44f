import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { InvitationLinksModule } from '@app/identity';
import {
  AllExceptionsFilter,
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  HealthController,
  QueueModule,
} from '@app/platform';
import { APP_FILTER } from '@nestjs/core';
import { SCHEMA } from '../../../migrations/schema';
import { WORKER_JOB_MODULES } from './worker-job-modules';

/** The worker process: the outbox relay, job processors and (later) schedulers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(SCHEMA),
        QueueModule.forRoot(),
        TerminusModule,
        InvitationLinksModule,
        ...WORKER_JOB_MODULES,
      ],
      controllers: [HealthController],
      // The worker answers only its health check, which throws no domain error: no code has a
      // status here, so one that did arrive would be a logged 500.
      providers: [{ provide: APP_FILTER, useValue: new AllExceptionsFilter({}) }],
    };
  }
}
