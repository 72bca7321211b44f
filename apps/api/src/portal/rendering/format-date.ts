import type { Language } from '@app/identity';

const LOCALES: Readonly<Record<Language, string>> = { ja: 'ja-JP', en: 'en-GB', zh: 'zh-CN' };

export function toDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * A date (and time, unless `dateOnly`) in the page's language, always in UTC: due dates and
 * planned starts are UTC days, so a local time zone would shift them.
 */
export function formatDate(language: Language, value: unknown, dateOnly = false): string {
  const date = toDate(value);
  if (!date) return '';
  const format = new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    ...(dateOnly ? {} : { timeStyle: 'short' }),
    timeZone: 'UTC',
  });
  return dateOnly ? format.format(date) : `${format.format(date)} UTC`;
}
