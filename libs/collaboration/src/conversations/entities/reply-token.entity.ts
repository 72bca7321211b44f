import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The reply address of one comment mail to one person, kept as the SHA-256 of its token:
 * single-use (a reply consumes it) and expiring.
 */
@Entity('conversation_reply_token')
export class ReplyToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  tokenHash: string;

  /** The comment the mail was about; the reply joins its thread. */
  @Column({ type: 'uuid' })
  commentId: string;

  /** The recipient: only they may answer through this address. */
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
