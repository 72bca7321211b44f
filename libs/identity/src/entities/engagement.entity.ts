import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ENGAGEMENT_STATUSES = ['onboarding', 'active', 'ended'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** A customer and its MDR provider; onboardings and the service hang off it. */
@Entity()
export class Engagement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerOrganisationId: string;

  @Column({ type: 'uuid' })
  providerOrganisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'onboarding' })
  status: EngagementStatus;

  /** The EDR product the service runs on: the key of its support matrix, e.g. "example-edr". */
  @Column({ type: 'text', default: 'example-edr' })
  edrProduct: string;

  /** The customer's tenant in the EDR vendor's console, once known (what the domain authorisation grants). */
  @Column({ type: 'text', nullable: true })
  edrTenant: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
