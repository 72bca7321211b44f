import { Provider } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { Repository } from 'typeorm';
import { DevMailboxMailer } from './dev-mailbox-mailer';
import { DevMailboxMessage } from './dev-mailbox-message.entity';
import { MAILER, Mailer } from './mailer';
import { SmtpMailer } from './smtp-mailer';

/** SMTP when SMTP_URL is set, otherwise the dev mailbox (the embedded demo). */
export const mailerProvider: Provider<Mailer> = {
  provide: MAILER,
  inject: [APP_CONFIG, getRepositoryToken(DevMailboxMessage)],
  useFactory: (config: AppConfig, messages: Repository<DevMailboxMessage>): Mailer =>
    config.smtpUrl === null
      ? new DevMailboxMailer(messages)
      : new SmtpMailer(config.smtpUrl, config.mailFrom),
};
