import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SlaTimer } from '../domain/incident-vocabulary';

/** A missed SLA timer; unique per incident and timer, so it is recorded once however found. */
@Entity()
export class IncidentSlaBreach {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @Column({ type: 'text' })
  timer: SlaTimer;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;
}
