import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@app/access';

export const CONFIRMATION_STATUSES = ['sent', 'confirmed', 'declined', 'superseded'] as const;
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];
export const CONFIRMATION_CHANNELS = ['link', 'reply'] as const;
export type ConfirmationChannel = (typeof CONFIRMATION_CHANNELS)[number];

/**
 * One domain-permission request to one recipient, bound to the onboarding's
 * `domain_permission_email` step. The link's token lives in one_time_token (hash only), issued
 * when the mail goes out; `expiresAt` and `mailedAt` are set then. Table `domain_confirmation`.
 */
@Entity()
export class DomainConfirmation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'uuid' })
  stepId: string;

  /** Lower-case address in one of the customer's declared domains. */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  language: Language;

  /** The rendered authorisation statement the recipient approves. */
  @Column({ type: 'text' })
  statement: string;

  /** SHA-256 (hex) of `statement`: what the step's approval binds to. */
  @Column({ type: 'text' })
  contentSha256: string;

  /** The Message-ID header of the mail, angle brackets included; replies reference it. */
  @Column({ type: 'text', unique: true })
  messageId: string;

  @Column({ type: 'text', unique: true })
  referenceCode: string;

  @Column({ type: 'text', default: 'sent' })
  status: ConfirmationStatus;

  @Column({ type: 'text', nullable: true })
  confirmedVia: ConfirmationChannel | null;

  @Column({ type: 'uuid' })
  requestedBy: string;

  /** The earlier request to the same recipient this one replaced (resend). */
  @Column({ type: 'uuid', nullable: true })
  replacesId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  mailedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
