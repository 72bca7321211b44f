import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../roles';

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
