import { ValidationException } from '@app/platform';
import { normalisedDomains, normalisedIssuer } from './sso-settings-input';

const field = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ValidationException) return error.fields[0]?.field;
    throw error;
  }
  return undefined;
};

describe('single sign-on settings input', () => {
  const loopback = new Set(['127.0.0.1']);

  it('takes an https issuer as the provider names itself, without a trailing slash', () => {
    expect(normalisedIssuer(' https://login.example.com/tenant/ ', loopback)).toBe(
      'https://login.example.com/tenant',
    );
    expect(normalisedIssuer('https://login.example.com', loopback)).toBe(
      'https://login.example.com',
    );
    expect(normalisedIssuer('http://127.0.0.1:4000', loopback)).toBe('http://127.0.0.1:4000');
  });

  it.each([
    'http://login.example.com',
    'ftp://login.example.com',
    'login.example.com',
    'https://login.example.com/?a=1',
    'https://u:p@login.example.com',
    'https://login.example.com/#x',
  ])('refuses the issuer %s, naming the field', (issuer) =>
    expect(field(() => normalisedIssuer(issuer, loopback))).toBe('issuer'),
  );

  it('lower-cases, sorts and de-duplicates domains, and names the field for a bad or missing one', () => {
    expect(normalisedDomains(['Sakura.example', ' b.example ', 'sakura.example'])).toEqual([
      'b.example',
      'sakura.example',
    ]);
    expect(field(() => normalisedDomains([]))).toBe('emailDomains');
    expect(field(() => normalisedDomains(['not a domain']))).toBe('emailDomains');
    expect(field(() => normalisedDomains(['@sakura.example']))).toBe('emailDomains');
  });
});
