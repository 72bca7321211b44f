import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobHandlerRegistry } from './jobs/job-handler-registry';
import { MailProcessor } from './jobs/mail.processor';
import { NotificationLedger } from './jobs/notification-ledger';
import { WelcomeEmailHandler } from './jobs/welcome-email.handler';
import { NOTIFY_ENTITIES } from './notify.entities';
import { NotifyModule } from './notify.module';
import { NOTIFY_QUEUES } from './outbox/job-routing';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * For the worker: the outbox relay, the mail processor and the handler registry it dispatches
 * through. Needs the global BullMQ root config (`BullModule.forRoot...`), the TransactionRunner
 * and APP_CONFIG.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(NOTIFY_ENTITIES),
    BullModule.registerQueue(...NOTIFY_QUEUES.map((name) => ({ name }))),
    NotifyModule,
  ],
  providers: [
    OutboxRelay,
    MailProcessor,
    JobHandlerRegistry,
    WelcomeEmailHandler,
    NotificationLedger,
  ],
  // Other libs' worker modules import this one to register their handlers and use the ledger.
  exports: [OutboxRelay, JobHandlerRegistry, NotificationLedger, NotifyModule],
})
export class NotifyWorkerModule {}
