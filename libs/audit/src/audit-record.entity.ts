import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One state change. Append-only (a trigger refuses UPDATE and DELETE) and hash-chained per
 * engagement (see audit-chains.ts): each record's hash covers the previous record of its chain's
 * hash and its own canonical content.
 */
@Entity()
@Index(['subjectType', 'subjectId'])
@Index(['engagementId'])
@Index(['chain', 'chainSeq'], { unique: true })
export class AuditRecord {
  /** Orders the whole log (from a sequence: gaps are possible and mean nothing). */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  /** `engagement:<id>` or `platform`. */
  @Column({ type: 'text' })
  chain: string;

  /** Position in the chain, contiguous from 1, so a deleted record leaves a visible gap. */
  @Column({ type: 'bigint' })
  chainSeq: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Column({ type: 'text', nullable: true })
  actorIp: string | null;

  @Column({ type: 'text', nullable: true })
  actorUserAgent: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectId: string;

  /** The organisation the subject belongs to, for scoping reads of the log. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** The engagement the subject belongs to, for scoping reads of the log. */
  @Column({ type: 'uuid', nullable: true })
  engagementId: string | null;

  @Column({ type: 'jsonb' })
  changes: Record<string, unknown>;

  @Column({ type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
