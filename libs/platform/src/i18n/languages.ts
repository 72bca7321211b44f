/** The languages people read the portal, its mail and its documents in. */
export const LANGUAGES = ['ja', 'en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
