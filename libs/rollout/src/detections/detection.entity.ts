import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RoutingMode, RoutingReason } from '../routing/route-detection';
import type { Severity } from './detection-payload';

/**
 * A detection the EDR reported through the webhook, with the endpoint it was matched to and
 * whom it was routed to. Other features read it (an incident can be escalated from one).
 */
@Entity()
export class Detection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  /** The EDR's id; unique per engagement, so a repeated delivery is the same detection. */
  @Column({ type: 'text' })
  edrDetectionId: string;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;

  @Column({ type: 'text' })
  hostname: string;

  @Column({ type: 'text' })
  severity: Severity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb', nullable: true })
  details: string | Record<string, unknown> | null;

  /** The inventory endpoint with that hostname, when there is one. */
  @Column({ type: 'uuid', nullable: true })
  endpointId: string | null;

  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ type: 'text', nullable: true })
  site: string | null;

  @Column({ type: 'text' })
  routingMode: RoutingMode;

  @Column({ type: 'text' })
  routingReason: RoutingReason;

  @Column({ type: 'uuid', array: true })
  recipientUserIds: string[];

  @Column({ type: 'timestamptz' })
  receivedAt: Date;
}
