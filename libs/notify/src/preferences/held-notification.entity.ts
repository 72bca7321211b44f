import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from './notification-kinds';

/**
 * A notification not mailed at once: held for the person's digest (`digest`, until a digest
 * takes it) or not sent by their choice (`off`, kept as the record that it happened). The
 * subject and link are rendered in the person's language when held. Table `held_notification`.
 */
@Entity()
export class HeldNotification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  /** The outbox id or `notificationId(...)` the mail would have been sent under; unique per user. */
  @Column('uuid')
  notificationId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('text')
  delivery: 'digest' | 'off';

  @Column('text')
  subject: string;

  @Column('text', { nullable: true })
  link: string | null;

  @Column('timestamptz')
  heldAt: Date;

  /** The digest that carried it; null while it waits (and always for `off`). */
  @Column('uuid', { nullable: true })
  digestId: string | null;
}
