import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { IncidentsModule } from '@app/incidents';
import { MAIL_QUEUE, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { AuditModule } from '@app/audit';
import { NotificationsModule } from './notifications.module';
import { ChannelMessageHandler } from './channel-message.handler';
import { NotificationDigestMailHandler } from './notification-digest-mail.handler';
import { NotificationDigestsHandler } from './notification-digests.handler';

/** For the worker (and the embedded API): the daily digest's scheduler and mail, channel messages. */
@Module({
  imports: [
    IdentityModule,
    AuditModule,
    IncidentsModule,
    NotificationsModule,
    NotifyWorkerModule,
    ClockModule,
    BullModule.registerQueue({ name: MAIL_QUEUE }),
  ],
  providers: [NotificationDigestsHandler, NotificationDigestMailHandler, ChannelMessageHandler],
})
export class NotificationsWorkerModule {}
