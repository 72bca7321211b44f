import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ENDPOINT_TYPES = ['client', 'server'] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export const OS_FAMILIES = ['windows', 'linux', 'macos'] as const;
export type OsFamily = (typeof OS_FAMILIES)[number];

/** How the EDR product's support matrix classifies an endpoint (see the support matrix). */
export const SUPPORT_STATUSES = ['supported', 'unsupported', 'eol_soon', 'eol'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/**
 * One machine of the customer's estate, as imported from their inventory CSV. The hostname is
 * the natural key within an engagement (imports upsert by it, case-insensitively).
 */
@Entity()
export class Endpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  hostname: string;

  @Column({ type: 'text' })
  type: EndpointType;

  @Column({ type: 'text' })
  osFamily: OsFamily;

  /** Version or build as the inventory gives it, e.g. "Windows 10 22H2", "10.0.19045", "RHEL 8.6". */
  @Column({ type: 'text' })
  osVersion: string;

  /** Linux only, e.g. "4.18.0-372.9.1.el8.x86_64". */
  @Column({ type: 'text', nullable: true })
  kernel: string | null;

  @Column({ type: 'text' })
  site: string;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'text' })
  country: string;

  /** The security product already installed (antivirus or EDR), if any. */
  @Column({ type: 'text', nullable: true })
  existingProduct: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** Null until classified against the engagement's EDR product's support matrix. */
  @Column({ type: 'text', nullable: true })
  supportStatus: SupportStatus | null;

  @Column({ type: 'text', nullable: true })
  supportReason: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
