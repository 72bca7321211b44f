import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person's passkey (a WebAuthn credential): its public key and signature counter, named by them. */
@Entity()
export class UserPasskey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** The credential id, base64url, as the authenticator names it. */
  @Column({ type: 'text', unique: true })
  credentialId: string;

  /** The COSE public key. */
  @Column({ type: 'bytea' })
  publicKey: Buffer;

  /** The authenticator's last signature counter; 0 when it keeps none. */
  @Column({ type: 'bigint' })
  signCount: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  transports: string[];

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
