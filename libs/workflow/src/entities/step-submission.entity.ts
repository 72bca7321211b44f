import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A proposed version of what an approval step approves (a design, a plan, a policy). Approvals
 * bind to the SHA-256 of its canonical content; a new version makes older approvals stale.
 */
@Entity()
export class StepSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'text' })
  stepKey: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'uuid' })
  submittedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;
}
