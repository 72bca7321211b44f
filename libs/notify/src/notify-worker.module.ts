import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailProcessor } from './jobs/mail.processor';
import { NotificationLedger } from './jobs/notification-ledger';
import { WelcomeEmailHandler } from './jobs/welcome-email.handler';
import { NOTIFY_ENTITIES } from './notify.entities';
import { NotifyModule } from './notify.module';
import { NOTIFY_QUEUES } from './outbox/job-routing';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * For the worker: the outbox relay and the mail processor. Needs the global BullMQ root config
 * (`BullModule.forRoot...`), the TransactionRunner and APP_CONFIG.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(NOTIFY_ENTITIES),
    BullModule.registerQueue(...NOTIFY_QUEUES.map((name) => ({ name }))),
    NotifyModule,
  ],
  providers: [OutboxRelay, MailProcessor, WelcomeEmailHandler, NotificationLedger],
  exports: [OutboxRelay],
})
export class NotifyWorkerModule {}
