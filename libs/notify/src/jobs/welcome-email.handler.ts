import { Inject, Injectable, Optional } from '@nestjs/common';
import { MAILER, Mailer } from '../mail/mailer';
import { INVITATION_LINKS, InvitationLinks } from './invitation-links';
import { WelcomeEmailPayload } from '../outbox/job-payloads';
import { MailRenderer } from '../rendering/mail-renderer';
import { JobHandler } from './job-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { NotificationLedger } from './notification-ledger';

/** Lets receivers and support trace a mail back to its outbox message. */
export const NOTIFICATION_ID_HEADER = 'X-MDR-Notification-Id';

/** Welcomes a new user to the portal, in their language, with their login link. */
@Injectable()
export class WelcomeEmailHandler implements JobHandler<'welcome-email'> {
  constructor(
    private readonly renderer: MailRenderer,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly ledger: NotificationLedger,
    registry: JobHandlerRegistry,
    @Optional() @Inject(INVITATION_LINKS) private readonly invitations?: InvitationLinks,
  ) {
    registry.register('welcome-email', this);
  }

  async handle(outboxId: string, payload: WelcomeEmailPayload): Promise<void> {
    await this.ledger.once(outboxId, 'welcome-email', async () => {
      const mail = this.renderer.render('welcome-email', payload.language, {
        displayName: payload.displayName,
        organisationName: payload.organisationName,
        loginUrl: payload.loginUrl,
        setPasswordUrl: payload.invited ? await this.invitationLink(payload.userId) : null,
      });
      await this.mailer.send({
        to: payload.email,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: { [NOTIFICATION_ID_HEADER]: outboxId },
      });
    });
  }

  /** Issued only now, when the mail goes out; a process without an issuer fails the job. */
  private async invitationLink(userId: string): Promise<string | null> {
    if (!this.invitations)
      throw new Error('No invitation link issuer (INVITATION_LINKS) in this process');
    return this.invitations.linkFor(userId);
  }
}
