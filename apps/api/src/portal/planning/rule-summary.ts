import type { GroupRule } from '@app/rollout';

/** `translate` bound to the page's language. */
export type Translator = (key: string, params?: Record<string, string | number>) => string;

const K = 'rolloutPlanning.rule';

/**
 * A rule as a short sentence, e.g. "servers · Windows · at Tokyo · in JP · tagged pci", in the
 * page's language; `{}` is "every endpoint".
 */
export function ruleSummary(rule: GroupRule, t: Translator): string {
  const list = (values: string[]): string => values.join(t(`${K}.listSeparator`));
  const parts: string[] = [];
  if (rule.type) parts.push(list(rule.type.map((v) => t(`${K}.type.${v}`))));
  if (rule.osFamily) parts.push(list(rule.osFamily.map((v) => t(`${K}.os.${v}`))));
  if (rule.site) parts.push(t(`${K}.site`, { values: list(rule.site) }));
  if (rule.country) parts.push(t(`${K}.country`, { values: list(rule.country) }));
  if (rule.tags) parts.push(t(`${K}.tags`, { values: list(rule.tags) }));
  return parts.length === 0 ? t(`${K}.all`) : parts.join(t(`${K}.partSeparator`));
}

/** A rule's criteria as the form's fields, to fill the edit form. */
export function ruleFields(rule: GroupRule | null): Record<string, string | boolean> {
  const has = (values: readonly string[] | undefined, value: string): boolean =>
    (values ?? []).includes(value);
  return {
    typeClient: has(rule?.type, 'client'),
    typeServer: has(rule?.type, 'server'),
    osWindows: has(rule?.osFamily, 'windows'),
    osLinux: has(rule?.osFamily, 'linux'),
    osMacos: has(rule?.osFamily, 'macos'),
    sites: (rule?.site ?? []).join(', '),
    countries: (rule?.country ?? []).join(', '),
    tags: (rule?.tags ?? []).join(', '),
  };
}
