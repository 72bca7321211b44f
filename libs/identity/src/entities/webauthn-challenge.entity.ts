import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** sign_in: the second step after the right password (bound to that person); passwordless: a passkey alone (anyone's discoverable passkey). */
export const WEBAUTHN_PURPOSES = ['registration', 'sign_in', 'passwordless', 'step_up'] as const;
export type WebauthnPurpose = (typeof WEBAUTHN_PURPOSES)[number];

/** A WebAuthn challenge the server issued: only its SHA-256 is kept; used once, before it expires. */
@Entity()
export class WebauthnChallenge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text' })
  purpose: WebauthnPurpose;

  @Column({ type: 'text', unique: true })
  challengeHash: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
