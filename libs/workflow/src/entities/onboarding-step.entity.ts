import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { StepState } from '../gate/step-state';
import type { Area, Party, Phase, StepType } from '../templates/template.types';

/** A step of one onboarding, copied from its template version at creation. */
@Entity()
export class OnboardingStep {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  type: StepType;

  @Column({ type: 'text' })
  party: Party;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'text' })
  phase: Phase;

  @Column({ type: 'text' })
  area: Area;

  @Column({ type: 'text', array: true })
  dependsOn: string[];

  @Column({ type: 'boolean' })
  requiredForStart: boolean;

  @Column({ type: 'boolean' })
  waivable: boolean;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text' })
  state: StepState;

  /** Why it was rejected, waived, reopened or went stale. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** SHA-256 of exactly what was approved (approval steps). */
  @Column({ type: 'text', nullable: true })
  contentHash: string | null;

  @Column({ type: 'uuid', nullable: true })
  actedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  actedAt: Date | null;

  /** When it last became open; reminders are keyed to it so a reopened step starts afresh. */
  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @VersionColumn()
  version: number;
}
