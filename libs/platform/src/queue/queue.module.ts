import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG } from '../config/config.module';
import { QueueHealthIndicator } from './queue-health.indicator';
import { buildQueueRootOptions } from './queue-root';

/**
 * BullMQ root configuration for both run modes: Redis in server mode, BullMQ's PostgreSQL
 * backend on the embedded PGlite in embedded mode. Feature modules add their queues with
 * `BullModule.registerQueue(...)`. Needs AppConfigModule (APP_CONFIG) in the application.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: buildQueueRootOptions }),
      ],
      // HealthIndicatorService is stateless; providing it here spares importing TerminusModule.
      providers: [HealthIndicatorService, QueueHealthIndicator],
      exports: [BullModule, QueueHealthIndicator],
    };
  }
}
