import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person's secret calendar feed link. The token in the link is the only credential a calendar
 * app has, so only its SHA-256 is kept; revoking keeps the row (revoked_at) and a new link is a
 * new row. At most one live link a person (a partial unique index).
 */
@Entity()
export class CalendarFeedToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', unique: true, select: false })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
