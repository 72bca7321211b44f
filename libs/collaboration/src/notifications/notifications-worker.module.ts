import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { MAIL_QUEUE, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { NotificationDigestMailHandler } from './notification-digest-mail.handler';
import { NotificationDigestsHandler } from './notification-digests.handler';

/** For the worker (and the embedded API): the daily digest's scheduler and its mail. */
@Module({
  imports: [
    IdentityModule,
    NotifyWorkerModule,
    ClockModule,
    BullModule.registerQueue({ name: MAIL_QUEUE }),
  ],
  providers: [NotificationDigestsHandler, NotificationDigestMailHandler],
})
export class NotificationsWorkerModule {}
