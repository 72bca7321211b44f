import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A single-use code that stands in for the authenticator app; only its SHA-256 is kept. */
@Entity()
export class UserRecoveryCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', unique: true })
  codeHash: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
