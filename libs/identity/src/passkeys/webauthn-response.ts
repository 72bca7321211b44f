import { ValidationException } from '@app/platform';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A browser's WebAuthn answer (PublicKeyCredential.toJSON()), given as an object (API) or as
 * its JSON text (a portal form's hidden field). Checks the shape only; the signature is the
 * library's to verify. 400 naming `field` when it is not one.
 */
function credentialJson(
  value: unknown,
  field: string,
): Record<string, unknown> & { response: Record<string, unknown> } {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    if (value.length > 20_000) throw new ValidationException([{ field, reason: 'is too long' }]);
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ValidationException([
        { field, reason: 'must be the JSON of a WebAuthn credential' },
      ]);
    }
  }
  const candidate = parsed as {
    id?: unknown;
    rawId?: unknown;
    type?: unknown;
    response?: unknown;
  } | null;
  if (
    !candidate ||
    typeof candidate !== 'object' ||
    typeof candidate.id !== 'string' ||
    !BASE64URL.test(candidate.id) ||
    candidate.rawId !== candidate.id ||
    candidate.type !== 'public-key' ||
    !candidate.response ||
    typeof candidate.response !== 'object' ||
    typeof (candidate.response as { clientDataJSON?: unknown }).clientDataJSON !== 'string'
  ) {
    throw new ValidationException([
      { field, reason: 'must be a WebAuthn public-key credential (id, rawId, type, response)' },
    ]);
  }
  return candidate as Record<string, unknown> & { response: Record<string, unknown> };
}

export function registrationResponse(value: unknown, field = 'passkey'): RegistrationResponseJSON {
  const json = credentialJson(value, field);
  if (typeof json.response.attestationObject !== 'string')
    throw new ValidationException([{ field, reason: 'must carry an attestationObject' }]);
  return { ...json, clientExtensionResults: {} } as unknown as RegistrationResponseJSON;
}

export function authenticationResponse(
  value: unknown,
  field = 'passkey',
): AuthenticationResponseJSON {
  const json = credentialJson(value, field);
  if (
    typeof json.response.authenticatorData !== 'string' ||
    typeof json.response.signature !== 'string'
  ) {
    throw new ValidationException([
      { field, reason: 'must carry authenticatorData and a signature' },
    ]);
  }
  return { ...json, clientExtensionResults: {} } as unknown as AuthenticationResponseJSON;
}

/** The challenge the browser signed, read from clientDataJSON (base64url), or null. */
export function signedChallenge(response: { response: { clientDataJSON: string } }): string | null {
  try {
    const client = JSON.parse(
      Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'),
    ) as { challenge?: unknown };
    return typeof client.challenge === 'string' && BASE64URL.test(client.challenge)
      ? client.challenge
      : null;
  } catch {
    return null;
  }
}
