import { newWebhookSecret, signBody, verifySignature } from './detection-signature';

describe('verifySignature', () => {
  const secret = newWebhookSecret();
  const body = Buffer.from('{"detectionId":"d-1"}');
  const good = signBody(secret, body);

  it.each<[string, string | null, Buffer, string | undefined, boolean]>([
    ['the right signature', secret, body, good, true],
    ['upper-case hex', secret, body, `sha256=${good.slice(7).toUpperCase()}`, true],
    ['a changed body', secret, Buffer.from('{"detectionId":"d-2"}'), good, false],
    ['another secret', newWebhookSecret(), body, good, false],
    ['no header', secret, body, undefined, false],
    ['no secret configured', null, body, good, false],
    ['no sha256= prefix', secret, body, good.slice(7), false],
    ['a short digest', secret, body, good.slice(0, -2), false],
    ['not hex', secret, body, `sha256=${'z'.repeat(64)}`, false],
  ])('%s', (_name, key, raw, header, expected) => {
    expect(verifySignature(key, raw, header)).toBe(expected);
  });

  it('makes 256-bit secrets', () => {
    expect(Buffer.from(newWebhookSecret(), 'base64url')).toHaveLength(32);
  });
});
