import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@app/access';

@Entity()
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'text' })
  role: Role;

  /** ISO 3166 alpha-2, for customer_it staff who run one country's endpoints. */
  @Column({ type: 'text', nullable: true })
  countryCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
