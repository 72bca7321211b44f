import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What the person who completed a task recorded with it: a note and files, which the evidence
 * store keeps with this completion as their subject (`step_completion`).
 */
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
