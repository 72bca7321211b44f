import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IncidentEventType } from '../domain/incident-vocabulary';

/** One line of an incident's timeline: who did what, when (append-only). */
@Entity()
export class IncidentEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
