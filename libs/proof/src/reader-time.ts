import type { Language } from '@app/identity/roles';

const LOCALES: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB', zh: 'zh-CN' };

/**
 * The time zone a reader's times are shown in. Organisations have no time zone yet, so this is
 * UTC for everyone, and every time printed says so; when they get one, return it here (the one
 * place statements, their mail and the proof pages ask).
 */
export function readerTimeZone(_reader: { organisationId: string | null }): string {
  return 'UTC';
}

/** A date and time for a person, in their language and time zone, with the zone named. */
export function formatReaderTime(at: Date, language: Language, timeZone: string): string {
  const text = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
  return `${text} (${timeZone})`;
}
