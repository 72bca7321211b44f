import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `deployed`: the sensor runs on it; `failed`: an attempt failed; `excused`: the customer's security lead let it off, with a reason. */
export const DEPLOYMENT_STATUSES = ['deployed', 'failed', 'excused'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Where the sensor stands on one endpoint, as last recorded (the audit log keeps every change). */
@Entity()
export class EndpointDeployment {
  @PrimaryColumn({ type: 'uuid' })
  engagementId: string;

  @PrimaryColumn({ type: 'uuid' })
  endpointId: string;

  @Column({ type: 'text' })
  status: DeploymentStatus;

  /** Why it failed or is excused (required for an excuse). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The endpoint's site and update wave in the plan when this was recorded (null: in no wave). */
  @Column({ type: 'text' })
  site: string;

  @Column({ type: 'int', nullable: true })
  wave: number | null;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
