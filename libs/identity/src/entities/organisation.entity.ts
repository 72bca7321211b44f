import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language, OrganisationKind } from '@app/access';

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

  /** ISO 3166 alpha-2 of its seat; gives the time zone when none is chosen. */
  @Column({ type: 'text', nullable: true })
  countryCode: string | null;

  /** IANA time zone its people read times in, unless they chose their own. */
  @Column({ type: 'text', nullable: true })
  timeZone: string | null;

  /** Lower-case domains; customer users' and contacts' emails must be in one of them. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailDomains: string[];

  /** The provider organisation that set this customer up, so its lead can see it before any engagement. */
  @Column({ type: 'uuid', nullable: true })
  createdByOrganisationId: string | null;

  /** Every one of its people must have a second factor (set by its lead or a platform admin). */
  @Column({ type: 'boolean', default: false })
  requireMfa: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
