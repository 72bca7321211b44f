import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { IncidentStatus, Severity } from '../domain/incident-vocabulary';

/** One incident of a started service, with the SLA deadlines of its severity fixed at opening. */
@Entity()
export class Incident {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  host: string | null;

  @Column({ type: 'text' })
  severity: Severity;

  @Column({ type: 'text' })
  status: IncidentStatus;

  /** The detection it was escalated from, if any. */
  @Column({ type: 'uuid', nullable: true })
  detectionId: string | null;

  /** The agreement version whose SLA and authorisation modes apply. */
  @Column({ type: 'int' })
  agreementVersion: number;

  @Column({ type: 'uuid', nullable: true })
  openedBy: string | null;

  /** When the SLA started: the opening, or when the detection reached the provider. */
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  acknowledgeDueAt: Date;

  @Column({ type: 'timestamptz' })
  respondDueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  respondedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn({ type: 'int' })
  version: number;
}
