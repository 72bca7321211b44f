import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IncidentEventType } from '../domain/incident-vocabulary';

/** One line of an incident's timeline: who did what, when (append-only). */
@Entity()
export class IncidentEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Write order, for events of the same instant (bigint: a string in JS). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @Column({ type: 'text' })
  type: IncidentEventType;

  /** Null for the system (a deadline job, a fallback). */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
