import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Phase } from '../templates/template.types';
import type { OnboardingStatus } from '../entities/onboarding.entity';

/** A step that holds up the service start, as the overview shows it. */
export interface ProgressBlocker {
  key: string;
  party: string;
  role: string;
  state: string;
  /** ISO timestamp. */
  dueAt: string;
}

/**
 * Each onboarding's figures for the overview, kept in the same transaction as every step change
 * (see ProgressKeeper) so the page reads one row per onboarding instead of aggregating its steps.
 * Only time-independent figures are kept; "overdue" and the forecast slippage are derived from
 * `nextDueAt` at read time.
 */
@Entity()
export class OnboardingProgress {
  @PrimaryColumn({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'uuid' })
  customerOrganisationId: string;

  @Column({ type: 'uuid' })
  providerOrganisationId: string;

  @Column({ type: 'text' })
  status: OnboardingStatus;

  @Column({ type: 'text' })
  phase: Phase;

  @Column({ type: 'timestamptz' })
  phaseEnteredAt: Date;

  @Column({ type: 'date' })
  plannedStartDate: string;

  @Column({ type: 'int' })
  stepsTotal: number;

  @Column({ type: 'int' })
  requiredTotal: number;

  /** Required steps done or waived. */
  @Column({ type: 'int' })
  requiredDone: number;

  /** requiredDone / requiredTotal in whole percent, kept for sorting by an index. */
  @Column({ type: 'int' })
  percentDone: number;

  /** Required steps waiting on the customer (open, stale or rejected). */
  @Column({ type: 'int' })
  waitingOnCustomer: number;

  @Column({ type: 'int' })
  waitingOnProvider: number;

  /** The earliest due date among waiting required steps; null when nothing waits. */
  @Column({ type: 'timestamptz', nullable: true })
  nextDueAt: Date | null;

  /** The waiting required steps that are due first (at most five). */
  @Column({ type: 'jsonb' })
  blockers: ProgressBlocker[];

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
