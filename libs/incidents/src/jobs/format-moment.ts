import { formatMoment as readerMoment, ReaderLanguage } from '@app/platform';

/** A moment in the recipient's language and time zone, the zone named (mails). */
export function formatMoment(date: Date, language: string, timeZone: string): string {
  const readerLanguage: ReaderLanguage = language === 'ja' || language === 'zh' ? language : 'en';
  return readerMoment(date, { language: readerLanguage, timeZone }, 'long');
}
