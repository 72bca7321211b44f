import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What an internal audit record withholds from its chain (append-only like the log): the
 * changes it would have carried and a random salt. The record's own changes are only
 * `{ visibility: 'internal', contentSha256 }`, the SHA-256 of this row's canonical JSON
 * (`{ salt, changes }`), so the chain that the customer exports and re-verifies holds nothing
 * internal, and those who may read internal content can check this row against it. The salt
 * keeps a short text or a known file from being confirmed by hashing a guess.
 */
@Entity()
export class AuditWithheldContent {
  /** The record's `seq`. */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'jsonb' })
  content: WithheldContent;
}

/** The withheld part of an internal record, as hashed into its `contentSha256`. */
export interface WithheldContent {
  salt: string;
  changes: Record<string, unknown>;
}
