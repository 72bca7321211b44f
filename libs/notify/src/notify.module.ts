import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemplatedMailer } from './mail/templated-mailer';
import { DevMailboxService } from './mail/dev-mailbox.service';
import { MAILER } from './mail/mailer';
import { mailerProvider } from './mail/mailer.provider';
import { NOTIFY_ENTITIES } from './notify.entities';
import { OutboxService } from './outbox/outbox.service';
import { MailRenderer } from './rendering/mail-renderer';

/**
 * For the API: write outbox messages in your transaction, render and send mail, read the dev
 * mailbox. Needs APP_CONFIG and the root TypeORM connection; no Redis.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFY_ENTITIES)],
  providers: [OutboxService, MailRenderer, mailerProvider, DevMailboxService, TemplatedMailer],
  exports: [OutboxService, MailRenderer, MAILER, DevMailboxService, TemplatedMailer],
})
export class NotifyModule {}
