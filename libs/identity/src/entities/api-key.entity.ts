import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A key an integration signs in with (`Authorization: Bearer mdrk_…`). It belongs to an
 * organisation, optionally to one engagement, acts as the person who made it (while they are
 * active) and only on the routes its scopes name. Only the SHA-256 of the secret is kept.
 */
@Entity()
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** Null: every engagement its maker sees; otherwise that engagement only. */
  @Column({ type: 'uuid', nullable: true })
  engagementId: string | null;

  @Column({ type: 'text' })
  name: string;

  /** The first characters of the key, so people can tell their keys apart (not a secret). */
  @Column({ type: 'text' })
  displayPrefix: string;

  @Column({ type: 'text', unique: true, select: false })
  secretHash: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastUsedIp: string | null;
}
