import { Column, Entity, Generated, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ChainLeaf } from './merkle';

/** The public half of a key that signs checkpoints; kept after rotation, for verification. */
@Entity()
export class AuditSigningKey {
  /** First 16 hex digits of the SHA-256 of the raw 32-byte public key. */
  @PrimaryColumn({ type: 'text' })
  keyId: string;

  @Column({ type: 'text' })
  algorithm: 'Ed25519';

  /** The raw 32-byte public key, base64. */
  @Column({ type: 'text' })
  publicKey: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}

export const CHECKPOINT_REASONS = ['interval', 'service_start', 'completion_bundle'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

/** The heads of all chains at one moment, as one Merkle root signed by the portal. Append-only. */
@Entity()
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  @Generated('increment')
  number: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'text' })
  reason: CheckpointReason;

  /** The engagement whose service start or bundle asked for it; null for the interval's. */
  @Column({ type: 'uuid', nullable: true })
  subjectEngagementId: string | null;

  @Column({ type: 'int' })
  treeSize: number;

  @Column({ type: 'text' })
  root: string;

  /** Every chain head, sorted by chain: the tree's leaves in order. */
  @Column({ type: 'jsonb' })
  leaves: ChainLeaf[];

  @Column({ type: 'text' })
  keyId: string;

  /** Ed25519 over the checkpoint's signed statement (checkpoint-message.ts), base64. */
  @Column({ type: 'text' })
  signature: string;
}

/** One engagement's part of one checkpoint, given to the customer's security leads. */
@Entity()
export class CheckpointStatement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  checkpointId: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'bigint' })
  chainSeq: string;

  @Column({ type: 'text' })
  chainHash: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The X.509 certificate that seals PDFs (RSA: what PDF readers check), one per checkpoint key,
 * bound to it by the key's signature over the certificate's SHA-256 fingerprint.
 */
@Entity()
export class PdfSealCertificate {
  @PrimaryColumn({ type: 'text' })
  keyId: string;

  @Column({ type: 'text' })
  certificatePem: string;

  /** The PKCS#12 (key and certificate), sealed under a key derived from the checkpoint key. */
  @Column({ type: 'text' })
  sealedP12: string;

  /** SHA-256 of the certificate's DER, hex. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'text' })
  bindingSignature: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

export const PROOF_ENTITIES = [
  AuditSigningKey,
  AuditCheckpoint,
  CheckpointStatement,
  PdfSealCertificate,
];
