import { SealedSecrets } from './sealed-secrets';
import { SecretCipher, SecretCipherError } from './secret-cipher';

const SERVER_SECRET = 's'.repeat(48);
const secrets = new SealedSecrets(SERVER_SECRET, 'test-secret');

describe('SealedSecrets', () => {
  it('seals bound to the owner, and opens without writing anything', async () => {
    const sealed = secrets.seal('owner-1', 'the-secret');
    expect(SecretCipher.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('the-secret');
    const store = jest.fn();
    await expect(secrets.open('owner-1', sealed, store)).resolves.toBe('the-secret');
    expect(store).not.toHaveBeenCalled();
    await expect(secrets.open('owner-2', sealed, store)).rejects.toThrow(SecretCipherError);
    await expect(
      new SealedSecrets(SERVER_SECRET, 'other-secret').open('owner-1', sealed, store),
    ).rejects.toThrow(SecretCipherError);
    await expect(
      new SealedSecrets('t'.repeat(48), 'test-secret').open('owner-1', sealed, store),
    ).rejects.toThrow(SecretCipherError);
  });

  it('answers a legacy plain-text value as it is, after handing its sealed form to be stored', async () => {
    const store = jest.fn<Promise<unknown>, [string]>().mockResolvedValue(undefined);
    await expect(secrets.open('owner-1', 'legacy_Secret-1', store)).resolves.toBe(
      'legacy_Secret-1',
    );
    expect(store).toHaveBeenCalledTimes(1);
    const sealed = store.mock.calls[0]?.[0] ?? '';
    expect(SecretCipher.isSealed(sealed)).toBe(true);
    await expect(secrets.open('owner-1', sealed, store)).resolves.toBe('legacy_Secret-1');
    expect(store).toHaveBeenCalledTimes(1);
  });

  it('reseals only a legacy value', () => {
    const sealed = secrets.seal('owner-1', 'x');
    expect(secrets.resealed('owner-1', sealed)).toBe(sealed);
    expect(SecretCipher.isSealed(secrets.resealed('owner-1', 'legacy'))).toBe(true);
  });
});
