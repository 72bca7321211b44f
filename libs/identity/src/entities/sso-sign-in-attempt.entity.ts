import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A sign-in sent to an organisation's provider and not yet back: the SHA-256 of its `state`
 * (the browser's session holds the value itself), consumed by the one callback that carries it.
 */
@Entity('sso_sign_in_attempt')
export class SsoSignInAttempt {
  @PrimaryColumn({ type: 'text' })
  stateHash: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null;
}
