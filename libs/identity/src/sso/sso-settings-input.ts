import { ValidationException } from '@app/platform';

/** What an organisation admin sets for sign-in through their provider. */
export interface SsoSettingsInput {
  issuer: string;
  clientId: string;
  /** Required the first time; omitted afterwards keeps the stored one. */
  clientSecret?: string | null;
  emailDomains: string[];
  passwordSignInDisabled: boolean;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The issuer as the provider names itself (no query, no fragment, no trailing slash), over https;
 * plain http only for hosts on the private allow-list (loopback providers in tests and demos).
 */
export function normalisedIssuer(raw: string, httpHosts: ReadonlySet<string>): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ValidationException([{ field: 'issuer', reason: 'must be an absolute URL' }]);
  }
  const plainAllowed = url.protocol === 'http:' && httpHosts.has(url.hostname);
  if (url.protocol !== 'https:' && !plainAllowed)
    throw new ValidationException([{ field: 'issuer', reason: 'must be an https URL' }]);
  if (url.search || url.hash || url.username || url.password) {
    throw new ValidationException([
      { field: 'issuer', reason: 'must have no query, fragment or credentials' },
    ]);
  }
  return url.toString().replace(/\/$/, '');
}

/** Lower-case, unique, each a domain name; at least one. */
export function normalisedDomains(raw: readonly string[]): string[] {
  const domains = [...new Set(raw.map((d) => d.trim().toLowerCase()))];
  if (domains.length === 0)
    throw new ValidationException([
      { field: 'emailDomains', reason: 'must name at least one domain' },
    ]);
  const bad = domains.filter((d) => !DOMAIN.test(d));
  if (bad.length > 0)
    throw new ValidationException([
      { field: 'emailDomains', reason: `not a domain name: ${bad.join(', ')}` },
    ]);
  return domains.sort();
}
