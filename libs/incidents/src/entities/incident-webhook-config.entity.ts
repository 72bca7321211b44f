import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where an engagement's incident events are posted (chat, ticketing), and the key they are signed
 * with. Signing needs the key itself (it is shown to the provider lead once), so it is stored
 * encrypted, `v1:<iv>:<tag>:<ciphertext>` (WebhookSecrets); a row from before that holds it in
 * plain text until it is next used or configured.
 */
@Entity()
export class IncidentWebhookConfig {
  @PrimaryColumn({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text', nullable: true })
  chatUrl: string | null;

  @Column({ type: 'text', nullable: true })
  ticketingUrl: string | null;

  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
