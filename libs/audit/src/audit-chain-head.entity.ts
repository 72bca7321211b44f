import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last record of each chain. Its row lock is what serialises the appends of one chain (and
 * only that chain); signed checkpoints read every head at once.
 */
@Entity()
export class AuditChainHead {
  @PrimaryColumn({ type: 'text' })
  chain: string;

  @Column({ type: 'uuid', nullable: true })
  engagementId: string | null;

  /** The chain's last chainSeq (0 before its first record). */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
