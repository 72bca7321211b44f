import { SecretCipher } from './secret-cipher';

/**
 * A kind of secret the server keeps at rest sealed with SecretCipher (one purpose per kind,
 * each value bound to its owner's id, e.g. the engagement's), and which it must use again, so
 * it is encrypted rather than hashed.
 *
 * Values written before sealing hold the secret in plain text. No migration seals them:
 * migrations run with a database URL only (runMigrations, the TypeORM CLI), without the
 * validated config that holds the key, and a migration guessing the key from the environment
 * could seal with a throwaway one (embedded mode generates SESSION_SECRET when unset). So a value
 * without the `v1:` prefix is read as legacy plain text (the secrets are base64url, they never
 * contain ':'), and is sealed when it is first used.
 *
 * Changing the server secret makes sealed values unreadable: `open` then throws
 * SecretCipherError, and the owner has to rotate the secret.
 */
export class SealedSecrets {
  private readonly cipher: SecretCipher;

  constructor(serverSecret: string, purpose: string) {
    this.cipher = new SecretCipher(serverSecret, purpose);
  }

  /** What to store for a newly generated secret. */
  seal(ownerId: string, secret: string): string {
    return this.cipher.seal(secret, ownerId);
  }

  /** What to store in place of `stored`: sealed as it is, or a legacy plain-text value sealed now. */
  resealed(ownerId: string, stored: string): string {
    return SecretCipher.isSealed(stored) ? stored : this.seal(ownerId, stored);
  }

  /**
   * The secret a stored value holds. For a legacy plain-text value, `storeSealed` is first given
   * its sealed form to write in place; it must write only where the row still holds the plain
   * value (a conditional update), so that a concurrent rotation is not overwritten. Throws
   * SecretCipherError when a sealed value does not open.
   */
  async open(
    ownerId: string,
    stored: string,
    storeSealed: (sealed: string) => Promise<unknown>,
  ): Promise<string> {
    if (SecretCipher.isSealed(stored)) return this.cipher.open(stored, ownerId);
    await storeSealed(this.seal(ownerId, stored));
    return stored;
  }
}
