import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthMethod } from '../mfa/mfa-requirement';

export type UserSessionKind = 'portal' | 'token';

/** How the person proved who they are: their password (and app code), or their organisation's provider ('sso'). */
export type UserSessionAuthMethod = AuthMethod;

/** A portal session or a bearer token of a person: where they signed in, until when. */
@Entity()
export class UserSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  kind: UserSessionKind;

  @Column({ type: 'text', default: 'password' })
  authMethod: UserSessionAuthMethod;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
