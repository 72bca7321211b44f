import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '@app/platform';
import { TemplatedMailer } from './mail/templated-mailer';
import { DevMailboxService } from './mail/dev-mailbox.service';
import { MAILER } from './mail/mailer';
import { mailerProvider } from './mail/mailer.provider';
import { NOTIFY_ENTITIES } from './notify.entities';
import { OutboxService } from './outbox/outbox.service';
import { MailRenderer } from './rendering/mail-renderer';
import { ChannelAnnouncements } from './channels/channel-announcements';
import { NotificationPreferences } from './preferences/notification-preferences';
import { PreferredDelivery } from './preferences/preferred-delivery';

/**
 * For the API: write outbox messages in your transaction, render and send mail, read the dev
 * mailbox, ask a person's notification preferences. Needs APP_CONFIG and the root TypeORM connection; no Redis.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFY_ENTITIES), ClockModule],
  providers: [
    OutboxService,
    MailRenderer,
    mailerProvider,
    DevMailboxService,
    TemplatedMailer,
    NotificationPreferences,
    PreferredDelivery,
    ChannelAnnouncements,
  ],
  exports: [
    OutboxService,
    MailRenderer,
    MAILER,
    DevMailboxService,
    TemplatedMailer,
    NotificationPreferences,
    PreferredDelivery,
    ChannelAnnouncements,
  ],
})
export class NotifyModule {}
