import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const POLICY_MODES = ['detect', 'block'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];
export const UPDATE_MODES = ['automatic', 'manual'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];
/** `design`: set while designing the policy; `switch`: reached block through an approved mode switch. */
export type ModeSource = 'design' | 'switch';

/** The one EDR policy of a group. */
@Entity()
export class GroupPolicy {
  @PrimaryColumn({ type: 'uuid' })
  groupId: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  mode: PolicyMode;

  /** When the group entered its current mode; the tuning period counts from here. */
  @Column({ type: 'timestamptz' })
  modeSince: Date;

  @Column({ type: 'text' })
  modeSource: ModeSource;

  @Column({ type: 'boolean' })
  quarantine: boolean;

  @Column({ type: 'text' })
  updates: UpdateMode;

  @Column({ type: 'int' })
  maxConcurrentUpdates: number;

  @Column({ type: 'uuid' })
  updatedBy: string;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The settings a policy change record keeps before and after. */
export interface PolicySettings {
  mode: PolicyMode;
  quarantine: boolean;
  updates: UpdateMode;
  maxConcurrentUpdates: number;
}

/** Every change of a group's policy: by design edits, or by an approved mode switch. */
@Entity()
export class PolicyChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @Column({ type: 'uuid', nullable: true })
  modeSwitchRequestId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: PolicySettings | null;

  @Column({ type: 'jsonb' })
  after: PolicySettings;

  @Column({ type: 'uuid' })
  changedBy: string;

  @Column({ type: 'timestamptz' })
  changedAt: Date;
}
