import { Repository } from 'typeorm';
import { DevMailboxMessage } from './dev-mailbox-message.entity';
import { MailMessage, Mailer } from './mailer';

/** Embedded mode: no mail server, so mail lands in the dev mailbox the portal shows. */
export class DevMailboxMailer implements Mailer {
  constructor(private readonly messages: Repository<DevMailboxMessage>) {}

  async send(message: MailMessage): Promise<void> {
    await this.messages.insert({
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
  }
}
