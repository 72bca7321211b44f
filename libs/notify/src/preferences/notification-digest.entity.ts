import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One person's digest of one local day: unique per (user, date), so however many workers or
 * retries compose it, it exists once. Table `notification_digest`.
 */
@Entity()
export class NotificationDigest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  /** The person's local calendar day (YYYY-MM-DD) the digest is of. */
  @Column('date')
  digestDate: string;

  @Column('timestamptz')
  createdAt: Date;
}
