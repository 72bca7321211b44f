import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per notification sent, keyed by outbox id (= job id). Table `sent_notification`. */
@Entity()
export class SentNotification {
  @PrimaryColumn('uuid')
  outboxId: string;

  @Column('text')
  jobName: string;

  @Column('timestamptz', { default: () => 'now()' })
  sentAt: Date;

  /** Set while a send is in progress (claimed until then); NULL once sent. */
  @Column('timestamptz', { nullable: true })
  sendingUntil: Date | null;
}
