import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SealedSecrets } from '@app/platform';
import { EntityManager } from 'typeorm';
import { NotificationRouting } from '../routing/notification-routing.entity';
import { newWebhookSecret } from './detection-signature';

/**
 * The detection webhook's HMAC key at rest: sealed with SecretCipher (AES-256-GCM) under a key
 * derived from SESSION_SECRET for this purpose, bound to the engagement id (see SealedSecrets).
 * A legacy plain-text value is sealed in place the first time a detection delivery meets it.
 *
 * Changing SESSION_SECRET makes sealed secrets unreadable: deliveries are then refused as
 * unsigned (with a warning) until the secret is rotated.
 */
@Injectable()
export class DetectionSecrets {
  private readonly secrets: SealedSecrets;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secrets = new SealedSecrets(config.sessionSecret, 'detection-webhook-secret');
  }

  /** A new secret: `secret` is shown once, only `sealed` is stored. */
  generate(engagementId: string): { secret: string; sealed: string } {
    const secret = newWebhookSecret();
    return { secret, sealed: this.secrets.seal(engagementId, secret) };
  }

  /**
   * The key to verify with. A legacy plain-text value is sealed in place on the way (unless a
   * rotation changed it meanwhile). Throws SecretCipherError when it does not open.
   */
  async verifyingSecret(manager: EntityManager, routing: NotificationRouting): Promise<string> {
    return this.secrets.open(routing.engagementId, routing.webhookSecret, (sealed) =>
      manager
        .getRepository(NotificationRouting)
        .update(
          { engagementId: routing.engagementId, webhookSecret: routing.webhookSecret },
          { webhookSecret: sealed },
        ),
    );
  }
}
