import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IndicatorType } from '../blocklist/ioc';

export interface PastIncidentIndicator {
  type: IndicatorType;
  /** Normalised like block-list values. */
  value: string;
}

/** An incident the customer suffered before the roll-out, for the effectiveness check. */
@Entity()
export class PastIncident {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  title: string;

  /** ISO date (YYYY-MM-DD). */
  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  description: string;

  /** How it happened, e.g. "ransomware via phishing attachment". */
  @Column({ type: 'text' })
  technique: string;

  @Column({ type: 'jsonb' })
  indicators: PastIncidentIndicator[];

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
