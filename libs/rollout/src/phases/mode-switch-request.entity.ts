import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MODE_SWITCH_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type ModeSwitchStatus = (typeof MODE_SWITCH_STATUSES)[number];

/** The provider asks to switch a group from detect to block; the customer's security lead decides. */
@Entity()
export class ModeSwitchRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @Column({ type: 'text' })
  status: ModeSwitchStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;
}
