import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const TUNING_DECISIONS = ['exclusion', 'allow', 'fix'] as const;
export type TuningDecision = (typeof TUNING_DECISIONS)[number];
export const TUNING_STATUSES = ['open', 'closed'] as const;
export type TuningStatus = (typeof TUNING_STATUSES)[number];

/** A false positive found in detect mode, and what was decided about it. */
@Entity()
export class TuningLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @Column({ type: 'uuid', nullable: true })
  endpointId: string | null;

  @Column({ type: 'text' })
  detectionName: string;

  /** The process or application that was detected. */
  @Column({ type: 'text' })
  process: string;

  /** Null while undecided; a closed entry always has one. */
  @Column({ type: 'text', nullable: true })
  decision: TuningDecision | null;

  @Column({ type: 'text' })
  status: TuningStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
