import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

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

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
