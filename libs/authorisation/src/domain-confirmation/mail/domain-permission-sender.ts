import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { ReaderZones, SYSTEM_ACTOR } from '@app/identity';
import {
  MAILER,
  Mailer,
  MailRenderer,
  NOTIFICATION_ID_HEADER,
  NotificationLedger,
} from '@app/notify';
import { APP_CONFIG, AppConfig, Clock, formatMoment, TransactionRunner } from '@app/platform';
import { DomainConfirmation } from '../entities/domain-confirmation.entity';
import { ConfirmationContextLoader } from '../services/confirmation-context';
import { ConfirmationTokens } from '../services/confirmation-tokens';

/**
 * Mails one domain-permission request. The link's token is issued here, when the mail goes out
 * (as set-password links are), so it never sits in the outbox or the queue; a retried send issues
 * a fresh one and revokes the earlier. The ledger keeps a redelivered job from mailing twice.
 */
@Injectable()
export class DomainPermissionSender {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly tokens: ConfirmationTokens,
    private readonly contexts: ConfirmationContextLoader,
    private readonly renderer: MailRenderer,
    private readonly ledger: NotificationLedger,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly zones: ReaderZones,
  ) {}

  async send(outboxId: string, confirmationId: string): Promise<void> {
    await this.ledger.once(outboxId, 'domain-permission-email', async () => {
      const issued = await this.issue(confirmationId);
      if (!issued) return;
      const { confirmation, token, expiresAt, names, timeZone } = issued;
      const mail = this.renderer.render('domain-permission', confirmation.language, {
        recipient: confirmation.recipient,
        customerName: names.customerName,
        providerName: names.providerName,
        edrProduct: names.edrProduct,
        edrTenant: names.edrTenant,
        domains: names.domains,
        statement: confirmation.statement,
        confirmUrl: `${this.config.publicUrl}/confirm/${token}`,
        expiresOn: formatMoment(expiresAt, { language: confirmation.language, timeZone }, 'long'),
        referenceCode: confirmation.referenceCode,
        replyAccepted: this.config.inboundEmailAddress !== null,
      });
      const headers: Record<string, string> = {
        'Message-ID': confirmation.messageId,
        [NOTIFICATION_ID_HEADER]: outboxId,
      };
      if (this.config.inboundEmailAddress) headers['Reply-To'] = this.config.inboundEmailAddress;
      await this.mailer.send({
        to: confirmation.recipient,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers,
      });
    });
  }

  /** Null when the request no longer waits (superseded or decided before its mail went out). */
  private issue(confirmationId: string) {
    return this.tx.run(async (manager) => {
      const confirmation = await manager
        .getRepository(DomainConfirmation)
        .createQueryBuilder('c')
        .where('c.id = :id', { id: confirmationId })
        .setLock('pessimistic_write')
        .getOne();
      if (!confirmation || confirmation.status !== 'sent') return null;
      const ctx = await this.contexts.loadBound(manager, confirmation.onboardingId);
      const { token, expiresAt } = await this.tokens.issue(
        manager,
        confirmation,
        this.config.domainConfirmationTtlDays * 86400,
      );
      await manager
        .getRepository(DomainConfirmation)
        .update(confirmation.id, { mailedAt: this.clock.now(), expiresAt });
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'domain_confirmation.mailed',
        subjectType: 'domain_confirmation',
        subjectId: confirmation.id,
        organisationId: ctx.customer.id,
        engagementId: confirmation.engagementId,
        changes: {
          recipient: confirmation.recipient,
          expiresAt: expiresAt.toISOString(),
          messageId: confirmation.messageId,
        },
      });
      const names = {
        customerName: ctx.customer.name,
        providerName: ctx.provider.name,
        edrProduct: ctx.engagement.edrProduct,
        edrTenant: ctx.engagement.edrTenant ?? '',
        domains: [...ctx.customer.emailDomains].sort().join(', '),
      };
      const timeZone = await this.zones.ofEmail(confirmation.recipient, ctx.customer.id, manager);
      return { confirmation, token, expiresAt, names, timeZone };
    });
  }
}
