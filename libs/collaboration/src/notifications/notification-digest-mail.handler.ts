import { Inject, Injectable } from '@nestjs/common';
import { User } from '@app/identity';
import {
  HeldNotification,
  JobHandler,
  JobHandlerRegistry,
  NotificationDigest,
  NotificationDigestMailPayload,
  NotificationLedger,
  resolveLanguage,
  TemplatedMailer,
} from '@app/notify';
import { APP_CONFIG, AppConfig, formatDay, TransactionRunner } from '@app/platform';

/** Mails one digest to its person, in their language, once (the ledger, keyed by the outbox id). */
@Injectable()
export class NotificationDigestMailHandler implements JobHandler<'notification-digest-mail'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: NotificationLedger,
    private readonly mailer: TemplatedMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: JobHandlerRegistry,
  ) {
    registry.register('notification-digest-mail', this);
  }

  async handle(outboxId: string, payload: NotificationDigestMailPayload): Promise<void> {
    const manager = this.tx.manager;
    const digest = await manager
      .getRepository(NotificationDigest)
      .findOneBy({ id: payload.digestId });
    if (digest === null) return;
    const items = await manager
      .getRepository(HeldNotification)
      .find({ where: { digestId: digest.id }, order: { heldAt: 'ASC', id: 'ASC' } });
    if (items.length === 0) return;
    const user = await manager.getRepository(User).findOneBy({ id: digest.userId });
    if (user === null || user.disabledAt !== null) return;
    const language = resolveLanguage(user.language);
    await this.ledger.once(outboxId, 'notification-digest-mail', () =>
      this.mailer.send(
        user.email,
        'notification-digest',
        language,
        {
          displayName: user.displayName,
          day: formatDay(digest.digestDate, language, 'long'),
          count: items.length,
          items: items.map((item) => ({ subject: item.subject, link: item.link })),
          preferencesUrl: `${this.config.publicUrl}/account/notifications`,
        },
        outboxId,
      ),
    );
  }
}
