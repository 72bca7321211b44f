import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An email domain whose addresses sign in through its organisation's provider (one organisation per domain). */
@Entity('organisation_sso_domain')
export class OrganisationSsoDomain {
  /** Lower-case. */
  @PrimaryColumn({ type: 'text' })
  domain: string;

  @Column({ type: 'uuid' })
  organisationId: string;
}
