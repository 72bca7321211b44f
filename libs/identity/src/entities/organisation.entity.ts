import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language, OrganisationKind } from '../roles';

@Entity()
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  language: Language;

  /** Lower-case domains; customer users' and contacts' emails must be in one of them. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailDomains: string[];

  /** The provider organisation that set this customer up, so its lead can see it before any engagement. */
  @Column({ type: 'uuid', nullable: true })
  createdByOrganisationId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
