import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@app/identity';
import type { EscalationStatus } from '../domain/incident-vocabulary';

/** One escalation contact called for an incident: a round tries contacts in order until one acknowledges. */
@Entity()
export class IncidentEscalation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  /** 1 at the opening; each escalation on demand starts the next round. */
  @Column({ type: 'int' })
  round: number;

  /** The contact's position in the agreement's list. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  contactName: string;

  @Column({ type: 'text' })
  contactEmail: string;

  /** The service language (the agreement's primary language), which the mail is written in. */
  @Column({ type: 'text' })
  language: Language;

  @Column({ type: 'boolean' })
  outOfHours: boolean;

  @Column({ type: 'text' })
  status: EscalationStatus;

  @Column({ type: 'timestamptz' })
  notifiedAt: Date;

  @Column({ type: 'timestamptz' })
  ackDueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ type: 'text', nullable: true })
  acknowledgedVia: 'link' | 'portal' | null;
}
