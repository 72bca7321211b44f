import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SecretCipher } from '@app/platform';
import { EntityManager } from 'typeorm';
import { IncidentWebhookConfig } from '../entities';

/**
 * The engagement's webhook signing secret at rest: sealed with SecretCipher (AES-256-GCM) under
 * a key derived from SESSION_SECRET, bound to the engagement id. Signing needs the secret
 * itself, so it is encrypted rather than hashed.
 *
 * Rows written before sealing hold the secret in plain text. No migration seals them: migrations
 * run with a database URL only (runMigrations, the TypeORM CLI), without the validated config
 * that holds the key, and a migration guessing the key from the environment could seal with a
 * throwaway one (embedded mode generates SESSION_SECRET when unset). So a value without the
 * `v1:` prefix is read as legacy plain text (a legacy secret is base64url, it never contains
 * ':'), and is sealed at the first delivery or configuration that meets it.
 *
 * Changing SESSION_SECRET makes sealed secrets unreadable: deliveries then fail (for good, with
 * a warning) until the provider lead rotates the webhook secret.
 */
@Injectable()
export class WebhookSecrets {
  private readonly cipher: SecretCipher;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cipher = new SecretCipher(config.sessionSecret, 'incident-webhook-secret');
  }

  /** What to store for a newly generated secret. */
  seal(engagementId: string, secret: string): string {
    return this.cipher.seal(secret, engagementId);
  }

  /** What to store in place of `stored`: sealed as it is, or a legacy plain-text value sealed now. */
  resealed(engagementId: string, stored: string): string {
    return SecretCipher.isSealed(stored) ? stored : this.seal(engagementId, stored);
  }

  /**
   * The secret to sign with. A legacy plain-text value is sealed in place on the way (unless a
   * configuration changed it meanwhile). Throws SecretCipherError when it does not open.
   */
  async signingSecret(manager: EntityManager, config: IncidentWebhookConfig): Promise<string> {
    if (SecretCipher.isSealed(config.secret)) return this.cipher.open(config.secret, config.engagementId);
    await manager
      .getRepository(IncidentWebhookConfig)
      .update({ engagementId: config.engagementId, secret: config.secret }, { secret: this.seal(config.engagementId, config.secret) });
    return config.secret;
  }
}
