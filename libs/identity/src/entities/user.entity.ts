import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@app/access';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null only for platform administrators, who belong to no customer or provider. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  language: Language;

  /** IANA time zone the person chose; null: their country's or their organisation's. */
  @Column({ type: 'text', nullable: true })
  timeZone: string | null;

  /** argon2id; null until the user sets a password through their invitation link. */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  /**
   * Every portal session and bearer token names the version it was issued under; raising it
   * (sign-out, password change, disabling) ends all of them at once.
   */
  @Column({ type: 'integer', default: 0 })
  sessionVersion: number;

  /** Set when an administrator disabled the user: no sign-in, no session, no token. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
