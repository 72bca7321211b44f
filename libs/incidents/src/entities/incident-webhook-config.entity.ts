import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where an engagement's incident events are posted (chat, ticketing), and the key they are signed
 * with. The key is kept as is: signing needs it (it is shown to the provider lead once).
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
