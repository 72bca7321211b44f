import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RoutingMode } from './route-detection';

/**
 * Who hears about detections on an engagement, and the detection webhook's secret. Country IT
 * staff are found through their membership's `countryCode` (customer_it), so this table holds
 * only the choice of mode.
 */
@Entity()
export class NotificationRouting {
  @PrimaryColumn({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  mode: RoutingMode;

  /**
   * The HMAC key of the detection webhook, sealed: `v1:<iv>:<tag>:<ciphertext>` (DetectionSecrets;
   * verifying an HMAC needs the key itself, so it is encrypted rather than hashed). A row from
   * before that holds it in plain text until the first delivery seals it. Never selected by
   * default, never returned after it is first shown, never audited.
   */
  @Column({ type: 'text', select: false })
  webhookSecret: string;

  @Column({ type: 'timestamptz' })
  secretCreatedAt: Date;

  @Column({ type: 'uuid' })
  updatedBy: string;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
