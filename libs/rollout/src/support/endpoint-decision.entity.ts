import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const DECISION_KINDS = ['upgrade', 'exclude', 'accept_risk'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** How the decision's endpoints were chosen, kept as it was asked for. */
export interface DecisionSelection {
  endpointIds?: string[];
  site?: string;
  osFamily?: string;
  osVersion?: string;
  supportStatus?: string;
}

/**
 * What happens to endpoints the sensor does not support or whose OS leaves support: upgrade by
 * a date, exclude from the EDR scope, or accept the risk. The provider proposes and the
 * customer's security lead approves or rejects; the security lead may also record one directly
 * (approved at once). An endpoint follows the newest decision that covers it and is not rejected.
 */
@Entity()
export class EndpointDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  kind: DecisionKind;

  /** For `upgrade`: the date by which the endpoints are upgraded (YYYY-MM-DD). */
  @Column({ type: 'date', nullable: true })
  upgradeBy: string | null;

  /** Why, or the compensating control when the risk is accepted. */
  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'text' })
  status: DecisionStatus;

  @Column({ type: 'jsonb' })
  selection: DecisionSelection;

  @Column({ type: 'int' })
  endpointCount: number;

  @Column({ type: 'uuid' })
  proposedBy: string;

  /** The customer's security lead who approved or rejected it. */
  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The endpoints a decision covers. */
@Entity()
export class EndpointDecisionEndpoint {
  @PrimaryColumn({ type: 'uuid' })
  decisionId: string;

  /** The decision's engagement: the endpoint is referenced by (engagement, endpoint). */
  @Column({ type: 'uuid' })
  engagementId: string;

  @PrimaryColumn({ type: 'uuid' })
  endpointId: string;
}
