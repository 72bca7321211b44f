import { Inject, Injectable } from '@nestjs/common';
import { MailRenderer } from '../rendering/mail-renderer';
import { MailTemplateName, MailTemplates } from '../rendering/mail-templates';
import { NOTIFICATION_ID_HEADER } from '../jobs/welcome-email.handler';
import { MAILER, Mailer } from './mailer';

/**
 * Renders one template in the recipient's language and sends it, tagged with the notification
 * id every job handler sends under (what tests and the ledger match a mail to).
 */
@Injectable()
export class TemplatedMailer {
  constructor(
    private readonly renderer: MailRenderer,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  async send<N extends MailTemplateName>(
    to: string,
    template: N,
    language: string,
    model: MailTemplates[N],
    notificationId: string,
  ): Promise<void> {
    const mail = this.renderer.render(template, language, model);
    await this.mailer.send({
      to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: { [NOTIFICATION_ID_HEADER]: notificationId },
    });
  }
}
