import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** What one MDR provider organisation offers: actions, languages, hours, best SLA per severity. */
@Entity()
export class ProviderServiceCatalogue {
  @PrimaryColumn({ type: 'uuid' })
  providerOrganisationId: string;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ type: 'int' })
  revision: number;
}
