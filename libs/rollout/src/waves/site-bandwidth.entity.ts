import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A site's network figures, from which its update concurrency and waves are sized. */
@Entity()
export class SiteBandwidth {
  @PrimaryColumn({ type: 'uuid' })
  engagementId: string;

  /** As the inventory's endpoint.site spells it. */
  @PrimaryColumn({ type: 'text' })
  site: string;

  @Column({ type: 'double precision' })
  linkMbps: number;

  /** Share (%) of what peak use leaves free that updates may take. */
  @Column({ type: 'double precision' })
  updateSharePercent: number;

  @Column({ type: 'double precision' })
  peakUseMbps: number;

  @Column({ type: 'double precision' })
  packageSizeMb: number;

  /** The rate one sensor download needs to finish in reasonable time (Mbps). */
  @Column({ type: 'double precision' })
  downloadMbps: number;

  @Column({ type: 'uuid' })
  updatedBy: string;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
