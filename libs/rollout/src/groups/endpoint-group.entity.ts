import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupRule } from './group-rule';

export const GROUP_KINDS = ['evaluation', 'production'] as const;
/** Evaluation groups are the first roll-out wave and never block. */
export type GroupKind = (typeof GROUP_KINDS)[number];

/**
 * A group of an engagement's endpoints: by rule (first match by ascending priority) when `rule`
 * is set, otherwise by an explicit list of members.
 */
@Entity()
export class EndpointGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: GroupKind;

  /** Lower first: rule groups are tried in this order. */
  @Column({ type: 'int' })
  priority: number;

  /** Null for an explicit-list group. */
  @Column({ type: 'jsonb', nullable: true })
  rule: GroupRule | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One endpoint named in an explicit-list group. */
@Entity()
export class EndpointGroupMember {
  @PrimaryColumn({ type: 'uuid' })
  groupId: string;

  /** The group's engagement: the endpoint is referenced by (engagement, endpoint). */
  @Column({ type: 'uuid' })
  engagementId: string;

  @PrimaryColumn({ type: 'uuid' })
  endpointId: string;
}
