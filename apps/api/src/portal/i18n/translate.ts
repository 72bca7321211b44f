import type { Language } from '@app/identity';
import { CATALOGS, flattenMessages } from './messages';

const FLAT: Readonly<Record<Language, Map<string, string>>> = {
  ja: flattenMessages(CATALOGS.ja),
  en: flattenMessages(CATALOGS.en),
  zh: flattenMessages(CATALOGS.zh),
};

/**
 * The message for `key` in `language`, with `{name}` placeholders filled from `params`.
 * A key missing from a catalog falls back to English, then to the key itself, so a gap shows
 * up on the page instead of breaking it (the catalog spec keeps the three in step).
 */
export function translate(
  language: Language,
  key: string,
  params: Readonly<Record<string, unknown>> = {},
): string {
  const template = FLAT[language].get(key) ?? FLAT.en.get(key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
