import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Language } from '@app/access';
import type { SignatureDocumentKind, StoredRequestStatus } from './signature-vocabulary';

/**
 * A request to one named signer to sign one document. The document's HTML and SHA-256 are
 * copied in when the request is made, so what is signed can be shown again byte for byte; once
 * signed, declined, revoked or invalidated the request never changes again.
 */
@Entity()
export class SignatureRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  stepKey: string;

  @Column({ type: 'text' })
  documentKind: SignatureDocumentKind;

  /** For an agreement version: its engagement_document_version row. */
  @Column({ type: 'uuid', nullable: true })
  documentVersionId: string | null;

  @Column({ type: 'text' })
  documentTitle: string;

  @Column({ type: 'text' })
  documentHtml: string;

  /** SHA-256 (hex) of `documentHtml` as UTF-8: what the signature binds to. */
  @Column({ type: 'text' })
  documentSha256: string;

  /** The document's language (the customer organisation's). */
  @Column({ type: 'text' })
  language: Language;

  /** Null for an external signer (named by email). */
  @Column({ type: 'uuid', nullable: true })
  signerUserId: string | null;

  @Column({ type: 'text' })
  signerName: string;

  @Column({ type: 'text' })
  signerEmail: string;

  /** The language of the signer's mail. */
  @Column({ type: 'text' })
  signerLanguage: Language;

  @Column({ type: 'text' })
  status: StoredRequestStatus;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** HMAC-SHA256 of the current email code; null when none is live. */
  @Column({ type: 'text', nullable: true })
  codeHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  codeExpiresAt: Date | null;

  /** Wrong entries of the current code. */
  @Column({ type: 'int', default: 0 })
  codeAttempts: number;

  @Column({ type: 'text', nullable: true })
  typedName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  /** When it was signed or declined. */
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokeReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  invalidatedAt: Date | null;

  @VersionColumn({ type: 'int' })
  revision: number;
}
