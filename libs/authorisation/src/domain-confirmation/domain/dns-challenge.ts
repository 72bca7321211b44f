import { createHmac } from 'node:crypto';

/** The record the customer publishes: `_mdr-authorisation.<domain>` TXT `token=<value>`. */
export function dnsRecordName(domain: string): string {
  return `_mdr-authorisation.${domain.toLowerCase()}`;
}

/**
 * The expected value for one domain, derived from the engagement's own secret (never from an
 * email token): anyone may read it in DNS, but only this engagement's secret produces it.
 */
export function dnsChallengeValue(engagementSecret: string, domain: string): string {
  return createHmac('sha256', engagementSecret)
    .update(`mdr-authorisation:${domain.toLowerCase()}`)
    .digest('base64url');
}

/** Whether the TXT answers (each a list of character strings, joined) hold `token=<value>`. */
export function txtHolds(records: readonly (readonly string[])[], value: string): boolean {
  return records.some((chunks) => chunks.join('').trim() === `token=${value}`);
}
