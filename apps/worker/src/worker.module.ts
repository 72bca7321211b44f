import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { NotifyWorkerModule } from '@app/notify';
import { WorkflowWorkerModule } from '@app/workflow';
import {
  AllExceptionsFilter,
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  LoggingModule,
  QueueHealthIndicator,
  QueueModule,
} from '@app/platform';
import { APP_FILTER } from '@nestjs/core';
import { SCHEMA } from '../../../migrations/schema';

@Controller('health')
class WorkerHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.queue.isHealthy('queue'),
    ]);
  }
}

/** The worker process: the outbox relay, job processors and (later) schedulers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(SCHEMA),
        QueueModule.forRoot(),
        TerminusModule,
        NotifyWorkerModule,
        WorkflowWorkerModule,
      ],
      controllers: [WorkerHealthController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
