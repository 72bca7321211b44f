import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SealedSecrets } from '@app/platform';
import { EntityManager } from 'typeorm';
import { IncidentWebhookConfig } from '../entities';

/**
 * The engagement's webhook signing secret at rest: sealed with SecretCipher (AES-256-GCM) under
 * a key derived from SESSION_SECRET, bound to the engagement id (see SealedSecrets, which also
 * explains why legacy plain-text rows are sealed at first use rather than by a migration). A
 * legacy value is sealed at the first delivery or configuration that meets it.
 *
 * Changing SESSION_SECRET makes sealed secrets unreadable: deliveries then fail (for good, with
 * a warning) until the provider lead rotates the webhook secret.
 */
@Injectable()
export class WebhookSecrets {
  private readonly secrets: SealedSecrets;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secrets = new SealedSecrets(config.sessionSecret, 'incident-webhook-secret');
  }

  /** What to store for a newly generated secret. */
  seal(engagementId: string, secret: string): string {
    return this.secrets.seal(engagementId, secret);
  }

  /** What to store in place of `stored`: sealed as it is, or a legacy plain-text value sealed now. */
  resealed(engagementId: string, stored: string): string {
    return this.secrets.resealed(engagementId, stored);
  }

  /**
   * The secret to sign with. A legacy plain-text value is sealed in place on the way (unless a
   * configuration changed it meanwhile). Throws SecretCipherError when it does not open.
   */
  async signingSecret(manager: EntityManager, config: IncidentWebhookConfig): Promise<string> {
    return this.secrets.open(config.engagementId, config.secret, (sealed) =>
      manager
        .getRepository(IncidentWebhookConfig)
        .update({ engagementId: config.engagementId, secret: config.secret }, { secret: sealed }),
    );
  }
}
