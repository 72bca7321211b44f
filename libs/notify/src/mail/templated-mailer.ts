import { Inject, Injectable } from '@nestjs/common';
import { MailRenderer } from '../rendering/mail-renderer';
import { MailTemplateName, MailTemplates } from '../rendering/mail-templates';
import { NOTIFICATION_ID_HEADER } from '../jobs/welcome-email.handler';
import type { MailKind } from '../preferences/mail-kinds';
import { DeliveryOutcome, PreferredDelivery } from '../preferences/preferred-delivery';
import { MAILER, Mailer } from './mailer';

/** Who a preferred mail is for, and what it is known by if it is held. */
export interface PreferredMailTarget<N extends MailTemplateName> {
  userId: string;
  email: string;
  /** The id the mail is sent and held under (outbox id or `notificationId(...)`). */
  notificationId: string;
  /** The kind the template is (`MAIL_KINDS`): only those compile. */
  kind: MailKind<N>;
  /** The page the digest's line links to. */
  link: string | null;
}

/**
 * Renders one template in the recipient's language and sends it, tagged with the notification
 * id every job handler sends under (what tests and the ledger match a mail to).
 */
@Injectable()
export class TemplatedMailer {
  constructor(
    private readonly renderer: MailRenderer,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly delivery: PreferredDelivery,
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

  /**
   * As `send`, to a user of the portal as they prefer for the template's kind: at once, held
   * for their digest (the subject is its line), or only recorded. Call it inside the ledger's
   * claim, as `send`.
   */
  async sendPreferred<N extends MailTemplateName>(
    target: PreferredMailTarget<N>,
    template: N,
    language: string,
    model: MailTemplates[N],
  ): Promise<DeliveryOutcome> {
    const mail = this.renderer.render(template, language, model);
    return this.delivery.deliver(
      {
        notificationId: target.notificationId,
        userId: target.userId,
        kind: target.kind,
        subject: mail.subject,
        link: target.link,
      },
      () =>
        this.mailer.send({
          to: target.email,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          headers: { [NOTIFICATION_ID_HEADER]: target.notificationId },
        }),
    );
  }
}
