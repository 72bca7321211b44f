import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A job written in the same transaction as the change that caused it; the relay later moves it
 * to BullMQ with this id as the job id. Table `outbox_message`.
 */
@Entity()
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  jobName: string;

  @Column('jsonb')
  payload: unknown;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;

  /** Not relayed before this; pushed back after a failed enqueue. */
  @Column('timestamptz', { default: () => 'now()' })
  availableAt: Date;

  @Column('timestamptz', { nullable: true })
  dispatchedAt: Date | null;

  /** Set by the job processor once the handler succeeded; the reconciler skips such rows. */
  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  /** Failed enqueue attempts so far. */
  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  /** When the job should run; the relay enqueues it at once with the remaining BullMQ delay. */
  @Column('timestamptz', { nullable: true })
  runAt: Date | null;

  /** Unique when set: a second message with the same key is not written. */
  @Column('text', { nullable: true })
  dedupeKey: string | null;
}
