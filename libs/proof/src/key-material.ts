import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  KeyObject,
} from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig, ConfigError } from '@app/platform';

const SIGNING_KEY_FILE = 'proof-signing-key.pem';

/** The DER prefix of an Ed25519 PKCS#8 private key; the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface SigningKeyMaterial {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw 32-byte public key. */
  publicRaw: Buffer;
  keyId: string;
  /** Where it came from, for the boot log. */
  source: 'PROOF_SIGNING_KEY' | 'SESSION_SECRET' | 'DATA_DIR';
}

export function keyIdOf(publicRaw: Buffer): string {
  return createHash('sha256').update(publicRaw).digest('hex').slice(0, 16);
}

function fromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

function material(privateKey: KeyObject, source: SigningKeyMaterial['source']): SigningKeyMaterial {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new ConfigError('PROOF_SIGNING_KEY', 'must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const publicRaw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { privateKey, publicKey, publicRaw, keyId: keyIdOf(publicRaw), source };
}

/** PROOF_SIGNING_KEY: an Ed25519 private key as PKCS#8 PEM, or its 32-byte seed in base64 / base64url. */
export function parseSigningKey(raw: string): KeyObject {
  const text = raw.trim();
  if (text.startsWith('-----BEGIN')) return createPrivateKey(text);
  const seed = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (seed.length !== 32)
    throw new ConfigError(
      'PROOF_SIGNING_KEY',
      'must be an Ed25519 PKCS#8 PEM or a 32-byte seed in base64',
    );
  return fromSeed(seed);
}

/** A new key, as PROOF_SIGNING_KEY takes it (the seed, base64url). */
export function newSigningKeySeed(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('base64url');
}

/**
 * The key that signs checkpoints. PROOF_SIGNING_KEY when set; otherwise, in embedded mode, the
 * key generated at the first start and kept in DATA_DIR (readable by its owner only), and in
 * server mode one derived from SESSION_SECRET (HKDF), so every process of a deployment signs
 * with the same key without a new required variable. Set PROOF_SIGNING_KEY to keep the two
 * secrets apart, and to rotate the key.
 */
export async function loadSigningKey(config: AppConfig): Promise<SigningKeyMaterial> {
  if (config.proofSigningKey !== null)
    return material(parseSigningKey(config.proofSigningKey), 'PROOF_SIGNING_KEY');
  if (config.mode === 'server') {
    const seed = Buffer.from(
      hkdfSync('sha256', config.sessionSecret, 'mdr-portal', 'checkpoint signing key v1', 32),
    );
    return material(fromSeed(seed), 'SESSION_SECRET');
  }
  const file = join(config.dataDir, SIGNING_KEY_FILE);
  await mkdir(config.dataDir, { recursive: true });
  try {
    return material(createPrivateKey(await readFile(file, 'utf8')), 'DATA_DIR');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  try {
    await writeFile(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error: unknown) {
    // Another process of the same DATA_DIR wrote it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return material(createPrivateKey(await readFile(file, 'utf8')), 'DATA_DIR');
  }
  return material(privateKey, 'DATA_DIR');
}

/** Embedded mode's rotation: the old key file is set aside (renamed) and a new one written. */
export async function rotateEmbeddedKeyFile(dataDir: string, retiredKeyId: string): Promise<void> {
  const file = join(dataDir, SIGNING_KEY_FILE);
  await rename(file, join(dataDir, `proof-signing-key.retired-${retiredKeyId}.pem`));
}
