import type { FieldError } from '@app/platform';

const EMAIL = /^[^\s@<>(),;:"\\]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$/;
const MAX_RECIPIENTS = 10;

export interface RecipientCheck {
  recipients: string[];
  errors: FieldError[];
}

/**
 * The recipients, lower-cased and without repeats, each in one of the customer organisation's
 * declared email domains (exact domain, no subdomains); every other address is an error naming
 * its index, e.g. `recipients[1]`.
 */
export function checkRecipients(
  input: readonly string[],
  domains: readonly string[],
): RecipientCheck {
  const allowed = new Set(domains.map((d) => d.toLowerCase()));
  const errors: FieldError[] = [];
  const recipients: string[] = [];
  if (input.length === 0)
    errors.push({ field: 'recipients', reason: 'must name at least one address' });
  if (input.length > MAX_RECIPIENTS)
    errors.push({ field: 'recipients', reason: `must name at most ${MAX_RECIPIENTS} addresses` });
  input.forEach((raw, index) => {
    const email = raw.trim().toLowerCase();
    const match = EMAIL.exec(email);
    if (!match) {
      errors.push({ field: `recipients[${index}]`, reason: 'must be an email address' });
    } else if (!allowed.has(match[1] ?? '')) {
      errors.push({
        field: `recipients[${index}]`,
        reason: `must be in one of the customer's domains (${[...allowed].join(', ') || 'none declared'})`,
      });
    } else if (!recipients.includes(email)) {
      recipients.push(email);
    }
  });
  return { recipients, errors };
}
