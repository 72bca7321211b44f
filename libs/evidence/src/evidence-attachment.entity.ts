import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceSubjectKind, EvidenceVisibility } from './evidence-subject';

/**
 * A file attached to a subject (a step, an incident, a comment, a task's completion): what it is,
 * who may see it and its SHA-256, computed by the server. The bytes are in EvidenceChunk rows.
 */
@Entity()
export class EvidenceAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Write order (an identity; bigint: a string in JS), for files kept at the same instant: a
   * completion's files, a mail reply's attachments keep the order they were sent in.
   */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  subjectKind: EvidenceSubjectKind;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'text' })
  visibility: EvidenceVisibility;

  @Column({ type: 'text' })
  fileName: string;

  /** The allow-listed kind the bytes were found to be (pdf, png…). */
  @Column({ type: 'text' })
  kind: string;

  /** What the file is served as (fixed per kind, never the uploader's claim). */
  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  /** Hex SHA-256 of the whole content. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'int' })
  chunkCount: number;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @Column({ type: 'timestamptz' })
  uploadedAt: Date;
}

/** One piece of a file's bytes, in order (`seq` from 0). */
@Entity()
export class EvidenceChunk {
  @PrimaryColumn({ type: 'uuid' })
  attachmentId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}

export const EVIDENCE_ENTITIES = [EvidenceAttachment, EvidenceChunk];
