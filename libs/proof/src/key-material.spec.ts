import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { loadConfig } from '@app/platform';
import { checkpointPattern } from './checkpoint-interval.handler';
import { keyIdOf, loadSigningKey, newSigningKeySeed, parseSigningKey } from './key-material';

describe('the checkpoint signing key as configured', () => {
  it('reads a 32-byte seed (base64url or base64) and a PKCS#8 PEM to the same key', () => {
    const seed = newSigningKeySeed();
    const fromSeed = parseSigningKey(seed);
    const fromBase64 = parseSigningKey(Buffer.from(seed, 'base64url').toString('base64'));
    const pem = fromSeed.export({ format: 'pem', type: 'pkcs8' }).toString();
    const fromPem = parseSigningKey(pem);
    const message = Buffer.from('checkpoint');
    const signature = sign(null, message, fromSeed);
    for (const key of [fromBase64, fromPem])
      expect(verify(null, message, createPublicKey(key), signature)).toBe(true);
  });

  it('refuses a seed of the wrong length and a key that is not Ed25519', async () => {
    expect(() => parseSigningKey(Buffer.alloc(16).toString('base64'))).toThrow('PROOF_SIGNING_KEY');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    await expect(loadSigningKey(loadConfig({ PROOF_SIGNING_KEY: rsa }))).rejects.toThrow(
      'PROOF_SIGNING_KEY must be an Ed25519 key',
    );
  });

  it('names a key by the first 16 hex digits of its public key’s SHA-256', () => {
    expect(keyIdOf(Buffer.alloc(32))).toBe('66687aadf862bd77');
  });
});

describe('the checkpoint interval', () => {
  it('is a cron pattern at fixed UTC times, and only intervals that divide an hour or a day are accepted', () => {
    expect(checkpointPattern(15)).toBe('*/15 * * * *');
    expect(checkpointPattern(360)).toBe('0 */6 * * *');
    expect(checkpointPattern(1440)).toBe('10 0 * * *');
    expect(loadConfig({}).checkpointIntervalMinutes).toBe(1440);
    expect(() => loadConfig({ CHECKPOINT_INTERVAL_MINUTES: '7' })).toThrow(
      'CHECKPOINT_INTERVAL_MINUTES must divide an hour or a day',
    );
  });
});
