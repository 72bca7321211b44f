import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthorisationMode, CollaborateFallback, ResponseAction } from '@app/agreements';
import type { ActionStatus, DecidedVia } from '../domain/incident-vocabulary';

/** A response action on one target, under the mode the agreement gives that action. */
@Entity()
export class IncidentAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @Column({ type: 'text' })
  action: ResponseAction;

  @Column({ type: 'text' })
  target: string;

  @Column({ type: 'text' })
  mode: AuthorisationMode;

  @Column({ type: 'text' })
  status: ActionStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  /** collaborate only: when the fallback applies. */
  @Column({ type: 'timestamptz', nullable: true })
  timeoutAt: Date | null;

  @Column({ type: 'text', nullable: true })
  fallback: CollaborateFallback | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decidedVia: DecidedVia | null;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt: Date | null;
}
