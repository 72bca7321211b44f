import { SecretCipher, SecretCipherError } from './secret-cipher';

const SERVER_SECRET = 's'.repeat(48);
const cipher = new SecretCipher(SERVER_SECRET, 'test-purpose');

function flip(sealed: string, index: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[index] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('SecretCipher', () => {
  it('round-trips, as v1:<iv>:<tag>:<ciphertext> in base64url, without the plaintext in it', () => {
    const secret = 'signing-secret-Ab3_xY';
    const sealed = cipher.seal(secret, 'row-1');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret);
    expect(SecretCipher.isSealed(sealed)).toBe(true);
    expect(cipher.open(sealed, 'row-1')).toBe(secret);
    expect(new SecretCipher(SERVER_SECRET, 'test-purpose').open(sealed, 'row-1')).toBe(secret);
    expect(cipher.open(cipher.seal(''))).toBe('');
    expect(cipher.open(cipher.seal('日本語 ✓'))).toBe('日本語 ✓');
  });

  it('uses a fresh IV each time', () => {
    const sealed = Array.from({ length: 50 }, () => cipher.seal('same'));
    expect(new Set(sealed.map((s) => s.split(':')[1])).size).toBe(50);
    expect(new Set(sealed).size).toBe(50);
  });

  it.each([
    ['the IV', 1],
    ['the tag', 2],
    ['the ciphertext', 3],
  ])('refuses a value with %s altered', (_what, index) => {
    const sealed = cipher.seal('secret value');
    expect(() => cipher.open(flip(sealed, index))).toThrow(SecretCipherError);
  });

  it('refuses another row, another purpose, another server secret', () => {
    const sealed = cipher.seal('secret value', 'row-1');
    expect(() => cipher.open(sealed, 'row-2')).toThrow(SecretCipherError);
    expect(() => new SecretCipher(SERVER_SECRET, 'other-purpose').open(sealed, 'row-1')).toThrow(
      SecretCipherError,
    );
    expect(() => new SecretCipher('t'.repeat(48), 'test-purpose').open(sealed, 'row-1')).toThrow(
      /does not open/,
    );
  });

  it.each([
    'plain-legacy-secret',
    'v1:',
    'v1:a:b',
    'v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA',
    // a truncated tag must not be accepted (GCM with short tags is forgeable)
    'v1:AAAAAAAAAAAAAAAA:AAAAAAAA:AAAA',
    'v1:AAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA',
  ])('refuses the malformed %s', (value) => {
    expect(() => cipher.open(value)).toThrow(SecretCipherError);
  });

  it('tells sealed values from legacy plain text', () => {
    expect(SecretCipher.isSealed('x7Hq1-legacy_base64url')).toBe(false);
  });
});
