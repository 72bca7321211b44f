import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChoosableNotificationKind, NotificationDelivery } from './notification-kinds';

/**
 * One person's choices: how each kind reaches them (a kind left out is `immediate`) and the
 * local hour of their daily digest. Table `notification_preference`.
 */
@Entity()
export class NotificationPreference {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('jsonb', { default: () => `'{}'::jsonb` })
  deliveries: Partial<Record<ChoosableNotificationKind, NotificationDelivery>>;

  /** 0–23, in the person's own time zone. */
  @Column('smallint')
  digestHour: number;

  @Column('timestamptz')
  updatedAt: Date;
}
