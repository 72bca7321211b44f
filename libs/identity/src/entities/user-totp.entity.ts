import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's authenticator app (TOTP); confirmed once they typed a first right code. */
@Entity()
export class UserTotp {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  /** The base32 secret, sealed with SecretCipher bound to the user id. */
  @Column({ type: 'text', select: false })
  secretSealed: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The last 30-second step a code was accepted for: a code is never accepted twice. */
  @Column({ type: 'bigint', nullable: true })
  lastUsedStep: string | null;
}
