import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Phase } from '../templates/template.types';

export const ONBOARDING_STATUSES = ['in_progress', 'active'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

/** The first onboarding of an engagement, or one made again after its service started. */
export const ONBOARDING_KINDS = ['initial', 'reonboarding'] as const;
export type OnboardingKind = (typeof ONBOARDING_KINDS)[number];

/** One customer-provider engagement's way through a template to the service start. */
@Entity()
export class Onboarding {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  /** 1 for the engagement's first onboarding, 2 for the next, … */
  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text', default: 'initial' })
  kind: OnboardingKind;

  @Column({ type: 'text' })
  templateKey: string;

  @Column({ type: 'int' })
  templateVersion: number;

  /** The day the service is planned to start; step due dates count from it. */
  @Column({ type: 'date' })
  plannedStartDate: string;

  @Column({ type: 'text', default: 'in_progress' })
  status: OnboardingStatus;

  /** Derived from the steps on every change (first phase whose exit criteria are unmet). */
  @Column({ type: 'text' })
  currentPhase: Phase;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  serviceStartedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  serviceStartedBy: string | null;

  @VersionColumn()
  version: number;
}
