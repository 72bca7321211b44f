import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What the person who completed a task recorded with it: a note and, through EvidenceFile, files. */
@Entity()
export class StepCompletion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  stepKey: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  completedBy: string;

  @Column({ type: 'timestamptz' })
  completedAt: Date;
}

/**
 * A file kept as evidence of a task's completion, in the database (so both run modes and their
 * backups keep it): its name, the content type it is served as, size and SHA-256.
 */
@Entity()
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  completionId: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  stepKey: string;

  /** The file's place in the upload (0 first). */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  /** Hex SHA-256 of the content. */
  @Column({ type: 'text' })
  sha256: string;

  /** Read only by a download (listings leave it out). */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @Column({ type: 'timestamptz' })
  uploadedAt: Date;
}
