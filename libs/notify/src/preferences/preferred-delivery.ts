import { Injectable } from '@nestjs/common';
import { Clock, TransactionRunner } from '@app/platform';
import { HeldNotification } from './held-notification.entity';
import { NotificationKind } from './notification-kinds';
import { NotificationPreferences } from './notification-preferences';

/** One notification to one person, as the digest would list it if it is held. */
export interface PreferredNotification {
  /** The id the mail is sent under (outbox id or `notificationId(...)`): held once per user. */
  notificationId: string;
  userId: string;
  kind: NotificationKind;
  /** The mail's subject in the person's language: the digest's line. */
  subject: string;
  link: string | null;
}

export type DeliveryOutcome = 'sent' | 'held' | 'suppressed';

/**
 * Where a producer of mail asks the person's preference at the moment it would send: `send`
 * runs for `immediate`; `digest` holds the notification for the person's next digest; `off`
 * records it without sending. Holding is idempotent per (user, notification), so a retried job
 * holds it once. Call it inside the ledger's claim, in place of sending.
 */
@Injectable()
export class PreferredDelivery {
  constructor(
    private readonly preferences: NotificationPreferences,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async deliver(
    notification: PreferredNotification,
    send: () => Promise<void>,
  ): Promise<DeliveryOutcome> {
    const delivery = await this.preferences.decide(notification.userId, notification.kind);
    if (delivery === 'immediate') {
      await send();
      return 'sent';
    }
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(HeldNotification)
      .values({ ...notification, delivery, heldAt: this.clock.now(), digestId: null })
      .orIgnore()
      .execute();
    return delivery === 'digest' ? 'held' : 'suppressed';
  }
}
