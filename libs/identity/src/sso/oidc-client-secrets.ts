import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SecretCipher } from '@app/platform';

/**
 * An organisation's OIDC client secret at rest: the portal must present it to the provider's
 * token endpoint, so it is encrypted (AES-256-GCM, SecretCipher under a key derived from
 * SESSION_SECRET for this purpose; embedded mode remembers that secret in DATA_DIR) and bound to
 * the organisation id, so a value copied to another organisation's row does not open.
 */
@Injectable()
export class OidcClientSecrets {
  private readonly cipher: SecretCipher;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cipher = new SecretCipher(config.sessionSecret, 'oidc-client-secret');
  }

  seal(organisationId: string, secret: string): string {
    return this.cipher.seal(secret, organisationId);
  }

  /** Throws SecretCipherError when the server secret changed since it was sealed: set the secret again. */
  open(organisationId: string, sealed: string): string {
    return this.cipher.open(sealed, organisationId);
  }
}
