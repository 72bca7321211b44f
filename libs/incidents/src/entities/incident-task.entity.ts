import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Party, StepCategory } from '@app/agreements';
import type { Role } from '@app/access';
import type { TaskStatus } from '../domain/incident-vocabulary';

/** A step of the approved incident runbook, as a task of one incident. */
@Entity()
export class IncidentTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @Column({ type: 'text' })
  stepKey: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  category: StepCategory;

  @Column({ type: 'text' })
  ownerParty: Party;

  @Column({ type: 'text' })
  ownerRole: Role;

  @Column({ type: 'text' })
  timing: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text' })
  status: TaskStatus;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy: string | null;

  /** What the person who settled it wrote: a note when done, the reason when not applicable. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
