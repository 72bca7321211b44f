import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Party, ScheduleFrequency } from '@app/agreements';
import type { Role } from '@app/access';
import type { TaskStatus } from '../domain/incident-vocabulary';

/** One period's instance of a scheduled peacetime-runbook activity; unique per engagement, step and period. */
@Entity()
export class PeacetimeTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  stepKey: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  frequency: ScheduleFrequency;

  @Column({ type: 'timestamptz' })
  periodStart: Date;

  @Column({ type: 'text' })
  ownerParty: Party;

  @Column({ type: 'text' })
  ownerRole: Role;

  @Column({ type: 'text' })
  timing: string;

  @Column({ type: 'text' })
  status: TaskStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy: string | null;
}
