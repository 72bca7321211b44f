import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The engagement's secret behind its DNS TXT values. Table `domain_dns_secret`. */
@Entity()
export class DomainDnsSecret {
  @PrimaryColumn('uuid')
  engagementId: string;

  @Column({ type: 'text' })
  secret: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One run of the DNS TXT check for one domain: evidence shown beside the confirmations. */
@Entity()
export class DomainDnsCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'text' })
  domain: string;

  @Column({ type: 'boolean' })
  passed: boolean;

  /** Why it failed, e.g. "no TXT record" or "TXT records found but none matches". */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'uuid' })
  checkedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  checkedAt: Date;
}
