import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF salt: fixed, it only separates this use of the server secret from any other. */
const HKDF_SALT = 'mdr-portal/secret-cipher';

/** A sealed value that is malformed, or that this key did not seal (another key, or tampered). */
export class SecretCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretCipherError';
  }
}

/**
 * Encrypts secrets the server must be able to use again (e.g. a webhook signing key), so the
 * database alone does not give them away. AES-256-GCM under a key derived by HKDF-SHA256 from a
 * server secret and a purpose (one purpose's values never open under another's key), a random
 * 12-byte IV per value, and optional associated data binding a value to its row (a value copied
 * to another row does not open). Stored as `v1:<iv>:<tag>:<ciphertext>`, each part base64url.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(serverSecret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, HKDF_SALT, purpose, 32));
  }

  /** Whether a stored value is in a sealed format (anything else was stored before sealing). */
  static isSealed(stored: string): boolean {
    return stored.startsWith(`${VERSION}:`);
  }

  seal(plaintext: string, associatedData = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')),
    ].join(':');
  }

  /** The plaintext of a sealed value; throws SecretCipherError if it is malformed or does not authenticate. */
  open(sealed: string, associatedData = ''): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION)
      throw new SecretCipherError(`Not a ${VERSION} sealed value`);
    const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !ciphertext || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretCipherError(`Malformed ${VERSION} sealed value`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretCipherError(
        'The sealed value does not open with this key (another server secret, or altered)',
      );
    }
  }
}
