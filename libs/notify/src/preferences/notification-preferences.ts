import { Injectable } from '@nestjs/common';
import { Clock, TransactionRunner, ValidationException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { NotifyError } from '../notify-errors';
import {
  CHOOSABLE_NOTIFICATION_KINDS,
  ChoosableNotificationKind,
  DEFAULT_DIGEST_HOUR,
  isMandatoryKind,
  isNotificationDelivery,
  isNotificationKind,
  NOTIFICATION_DELIVERIES,
  NotificationDelivery,
  NotificationKind,
} from './notification-kinds';
import { NotificationPreference } from './notification-preference.entity';

/** Every choosable kind's delivery and the digest hour: what a person has chosen, defaults filled in. */
export interface NotificationChoices {
  deliveries: Record<ChoosableNotificationKind, NotificationDelivery>;
  digestHour: number;
}

/** A change as a client sends it: unchecked until `change` checks it. */
export interface NotificationChoicesInput {
  deliveries?: unknown;
  digestHour?: unknown;
}

/**
 * How each kind of notification reaches one person. Keyed by user id only, so it sits low
 * enough for every producer of mail (workflow, incidents, conversations) to ask `decide`.
 * Nobody has chosen anything at first: everything is immediate, as before preferences existed.
 */
@Injectable()
export class NotificationPreferences {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** How a notification of `kind` reaches `userId` now; mandatory kinds are always immediate. */
  async decide(
    userId: string,
    kind: NotificationKind,
    manager: EntityManager = this.tx.manager,
  ): Promise<NotificationDelivery> {
    if (isMandatoryKind(kind)) return 'immediate';
    return (await this.choices(userId, manager)).deliveries[kind];
  }

  async choices(
    userId: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<NotificationChoices> {
    const row = await manager.getRepository(NotificationPreference).findOneBy({ userId });
    const deliveries = Object.fromEntries(
      CHOOSABLE_NOTIFICATION_KINDS.map((kind) => [kind, row?.deliveries[kind] ?? 'immediate']),
    ) as Record<ChoosableNotificationKind, NotificationDelivery>;
    return { deliveries, digestHour: row?.digestHour ?? DEFAULT_DIGEST_HOUR };
  }

  /**
   * Checks and stores a change in the caller's transaction (they audit it). A mandatory kind
   * set to anything but `immediate` is refused (NOTIFICATION_KIND_MANDATORY); an unknown kind,
   * delivery or hour is a 400 naming the field. Returns the choices before and after.
   */
  async change(
    manager: EntityManager,
    userId: string,
    input: NotificationChoicesInput,
  ): Promise<{ before: NotificationChoices; after: NotificationChoices }> {
    const { deliveries, digestHour } = this.checked(input);
    const before = await this.choices(userId, manager);
    const after: NotificationChoices = {
      deliveries: { ...before.deliveries, ...deliveries },
      digestHour: digestHour ?? before.digestHour,
    };
    await manager.getRepository(NotificationPreference).upsert(
      {
        userId,
        deliveries: after.deliveries,
        digestHour: after.digestHour,
        updatedAt: this.clock.now(),
      },
      ['userId'],
    );
    return { before, after };
  }

  private checked(input: NotificationChoicesInput): {
    deliveries: Partial<Record<ChoosableNotificationKind, NotificationDelivery>>;
    digestHour: number | undefined;
  } {
    const errors: { field: string; reason: string }[] = [];
    const deliveries: Partial<Record<ChoosableNotificationKind, NotificationDelivery>> = {};
    const mandatory: string[] = [];
    if (input.deliveries !== undefined) {
      if (
        typeof input.deliveries !== 'object' ||
        input.deliveries === null ||
        Array.isArray(input.deliveries)
      ) {
        errors.push({ field: 'deliveries', reason: 'must be an object of kind → delivery' });
      } else {
        for (const [kind, delivery] of Object.entries(input.deliveries)) {
          if (!isNotificationKind(kind)) {
            errors.push({ field: `deliveries.${kind}`, reason: 'is not a notification kind' });
          } else if (!isNotificationDelivery(delivery)) {
            errors.push({
              field: `deliveries.${kind}`,
              reason: `must be one of ${NOTIFICATION_DELIVERIES.join(', ')}`,
            });
          } else if (isMandatoryKind(kind)) {
            if (delivery !== 'immediate') mandatory.push(kind);
          } else {
            deliveries[kind] = delivery;
          }
        }
      }
    }
    const hour = input.digestHour;
    if (
      hour !== undefined &&
      !(Number.isInteger(hour) && (hour as number) >= 0 && (hour as number) <= 23)
    ) {
      errors.push({ field: 'digestHour', reason: 'must be a whole hour from 0 to 23' });
    }
    if (errors.length > 0) throw new ValidationException(errors);
    if (mandatory.length > 0) {
      throw new NotifyError(
        'NOTIFICATION_KIND_MANDATORY',
        `${mandatory.join(', ')} cannot be turned off or delayed: security-relevant notifications are always sent at once`,
        { kinds: mandatory },
      );
    }
    return { deliveries, digestHour: hour as number | undefined };
  }
}
