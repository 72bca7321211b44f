import type { FieldError } from '@app/platform';
import { ENDPOINT_TYPES, EndpointType, OS_FAMILIES, OsFamily } from '../inventory/endpoint.entity';

/**
 * Which endpoints a rule group takes. Every criterion given must hold; within a criterion any
 * listed value matches, except `tags`, which the endpoint must all carry. `{}` matches every
 * endpoint (a catch-all group, usually at the lowest priority).
 */
export interface GroupRule {
  type?: EndpointType[];
  site?: string[];
  country?: string[];
  osFamily?: OsFamily[];
  tags?: string[];
}

/** What a rule looks at of an endpoint. */
export interface RuleSubject {
  type: EndpointType;
  site: string;
  country: string;
  osFamily: OsFamily;
  tags: string[];
}

const KEYS = ['type', 'site', 'country', 'osFamily', 'tags'] as const;
const MAX_VALUES = 200;

type Check = (value: string) => string | null;
const CHECKS: Record<(typeof KEYS)[number], Check> = {
  type: (v) =>
    (ENDPOINT_TYPES as readonly string[]).includes(v)
      ? null
      : `must be one of ${ENDPOINT_TYPES.join(', ')}`,
  osFamily: (v) =>
    (OS_FAMILIES as readonly string[]).includes(v)
      ? null
      : `must be one of ${OS_FAMILIES.join(', ')}`,
  country: (v) => (/^[A-Z]{2}$/.test(v) ? null : 'must be an upper-case ISO 3166-1 alpha-2 code'),
  site: (v) => (v.trim().length > 0 && v.length <= 200 ? null : 'must be 1 to 200 characters'),
  tags: (v) => (v.trim().length > 0 && v.length <= 100 ? null : 'must be 1 to 100 characters'),
};

/** The rule when it is valid; otherwise the field errors, named `<field>.<key>[i]`. */
export function readGroupRule(
  input: unknown,
  field = 'rule',
): { rule: GroupRule } | { errors: FieldError[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { errors: [{ field, reason: 'must be an object' }] };
  }
  const errors: FieldError[] = [];
  const rule: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(input)) {
    const check = (CHECKS as Record<string, Check | undefined>)[key];
    if (!check) {
      errors.push({
        field: `${field}.${key}`,
        reason: `is not a rule criterion (use ${KEYS.join(', ')})`,
      });
      continue;
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_VALUES) {
      errors.push({
        field: `${field}.${key}`,
        reason: `must be a list of 1 to ${MAX_VALUES} values`,
      });
      continue;
    }
    value.forEach((item: unknown, i) => {
      const reason = typeof item === 'string' ? check(item) : 'must be a string';
      if (reason) errors.push({ field: `${field}.${key}[${i}]`, reason });
    });
    rule[key] = [...new Set(value as string[])];
  }
  return errors.length ? { errors } : { rule: rule as GroupRule };
}

export function ruleMatches(rule: GroupRule, endpoint: RuleSubject): boolean {
  if (rule.type && !rule.type.includes(endpoint.type)) return false;
  if (rule.osFamily && !rule.osFamily.includes(endpoint.osFamily)) return false;
  if (rule.country && !rule.country.includes(endpoint.country)) return false;
  if (rule.site && !rule.site.some((s) => s.toLowerCase() === endpoint.site.toLowerCase()))
    return false;
  if (rule.tags && !rule.tags.every((t) => endpoint.tags.includes(t))) return false;
  return true;
}
