import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Language } from '@app/access';
import type { DocumentKind, VersionStatus } from '../domain/vocabulary';

/**
 * One version of an engagement's service agreement, peacetime runbook or incident runbook.
 * The rendered HTML is stored as it was hashed, so what an approval binds to (documentSha256)
 * can always be shown again byte for byte.
 */
@Entity()
export class EngagementDocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  kind: DocumentKind;

  /** 1, 2, 3… per engagement and kind. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  status: VersionStatus;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  /** SHA-256 of the canonical JSON of `content`. */
  @Column({ type: 'text' })
  contentSha256: string;

  /** The language the document was rendered in: the customer organisation's. */
  @Column({ type: 'text' })
  language: Language;

  @Column({ type: 'text' })
  documentHtml: string;

  /** SHA-256 (hex) of `documentHtml` as UTF-8 bytes: what approvals bind to. */
  @Column({ type: 'text' })
  documentSha256: string;

  /** Agreements only: SHA-256 of the rendered language section (communication_language binds to it). */
  @Column({ type: 'text', nullable: true })
  languageSha256: string | null;

  /** Runbooks only: the agreement version whose authorisation modes and contacts were rendered in. */
  @Column({ type: 'int', nullable: true })
  agreementVersion: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  proposedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  proposedAt: Date | null;

  /** Who approved or rejected it, and when. */
  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'int', nullable: true })
  supersededByVersion: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  /** Optimistic concurrency. */
  @VersionColumn({ type: 'int' })
  revision: number;
}
