import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalisedText } from '../templates/template.types';

/**
 * What an event says in each language beside its English `reason`: what changed in the
 * configuration behind an approval gone stale or a proposal outdated (and which proposal).
 */
export interface OnboardingEventDetails {
  changes: LocalisedText;
  proposalVersion?: number;
}

/** The onboarding's own history, shown on its page (the audit log keeps the tamper-evident copy). */
@Entity()
export class OnboardingEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'text', nullable: true })
  stepKey: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text', nullable: true })
  toState: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  contentHash: string | null;

  /** Null for events that say nothing beyond their action, states and reason. */
  @Column({ type: 'jsonb', nullable: true })
  details: OnboardingEventDetails | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
