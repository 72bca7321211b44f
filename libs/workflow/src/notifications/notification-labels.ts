import type { Language } from '@app/access';

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', ja: 'ja-JP', zh: 'zh-CN' };

/** A calendar date in the recipient's language; due dates are UTC midnights, so read in UTC. */
export function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** Names in a list, as each language writes one. */
export function joinNames(names: string[], language: Language): string | null {
  if (names.length === 0) return null;
  return names.join(language === 'en' ? ', ' : '、');
}
