import { ValidationException } from '@app/platform';
import { authenticationResponse, registrationResponse, signedChallenge } from './webauthn-response';

const clientData = (challenge: unknown): string =>
  Buffer.from(
    JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://localhost' }),
  ).toString('base64url');
const assertion = (over: Record<string, unknown> = {}) => ({
  id: 'AbC_-1',
  rawId: 'AbC_-1',
  type: 'public-key',
  response: {
    clientDataJSON: clientData('Y2hhbGxlbmdl'),
    authenticatorData: 'AAAA',
    signature: 'BBBB',
  },
  ...over,
});

describe('WebAuthn answers as the portal and the API receive them', () => {
  it('reads an assertion given as an object or as its JSON text, and the challenge it signed', () => {
    expect(authenticationResponse(assertion()).id).toBe('AbC_-1');
    const parsed = authenticationResponse(JSON.stringify(assertion()));
    expect(signedChallenge(parsed)).toBe('Y2hhbGxlbmdl');
  });

  it('refuses what is not a public-key credential, naming the field', () => {
    for (const bad of [
      'not json',
      assertion({ type: 'password' }),
      assertion({ rawId: 'other' }),
      assertion({ id: 'a b' }),
      null,
      42,
    ]) {
      expect(() => authenticationResponse(bad)).toThrow(ValidationException);
    }
    try {
      authenticationResponse('{', 'passkey');
    } catch (error) {
      expect((error as ValidationException).fields[0].field).toBe('passkey');
    }
    expect(() => registrationResponse(assertion())).toThrow('attestationObject');
    expect(() =>
      authenticationResponse(assertion({ response: { clientDataJSON: clientData('x') } })),
    ).toThrow('signature');
  });

  it('finds no challenge in unreadable client data', () => {
    expect(signedChallenge({ response: { clientDataJSON: 'not-base64-json' } })).toBeNull();
    expect(signedChallenge({ response: { clientDataJSON: clientData('with spaces') } })).toBeNull();
  });
});
