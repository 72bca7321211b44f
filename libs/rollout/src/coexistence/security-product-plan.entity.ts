import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PLAN_ACTIONS = ['coexist', 'remove'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const ROLLOUT_PHASES = ['introduction', 'pre_production', 'production'] as const;
export type RolloutPhase = (typeof ROLLOUT_PHASES)[number];

/**
 * What happens to one security product already on the endpoints (by name, as the inventory
 * gives it, case-insensitively): it coexists with the EDR during the roll-out, or is removed at
 * a phase; and whether it quarantines (then the EDR policy must not quarantine too).
 */
@Entity()
export class SecurityProductPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  product: string;

  @Column({ type: 'text' })
  action: PlanAction;

  /** For `remove`: the phase in which it is removed. */
  @Column({ type: 'text', nullable: true })
  removePhase: RolloutPhase | null;

  @Column({ type: 'boolean' })
  quarantines: boolean;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'uuid' })
  updatedBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
