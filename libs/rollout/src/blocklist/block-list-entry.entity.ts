import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BlockableIocType } from './ioc';

/**
 * One static IOC on an engagement's block list, beside the EDR vendor's own detection logic.
 * Values are stored normalised (see `normaliseIndicator`); expiring sets `expiresAt`, nothing
 * is deleted, so the list's history stays readable.
 */
@Entity()
export class BlockListEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  type: BlockableIocType;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text' })
  reason: string;

  /** The past incident this IOC comes from, if any. */
  @Column({ type: 'uuid', nullable: true })
  sourceIncidentId: string | null;

  /** Null: never expires. The export leaves out entries whose expiry has passed. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
