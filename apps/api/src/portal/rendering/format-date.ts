import type { Language } from '@app/identity';
import {
  formatDay,
  formatMoment,
  formatMomentDay,
  isCalendarDay,
  UTC_READER_ZONE,
} from '@app/platform';

export function toDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * A moment in the page's language and the reader's time zone, the zone named. With `dateOnly`:
 * a calendar day (due dates and planned starts: YYYY-MM-DD or UTC midnight) as that day, never
 * shifted by a zone; any other moment as the day it falls on in the reader's zone.
 */
export function formatDate(
  language: Language,
  value: unknown,
  dateOnly = false,
  timeZone: string = UTC_READER_ZONE,
): string {
  const date = toDate(value);
  if (!date) return '';
  if (!dateOnly) return formatMoment(date, { language, timeZone });
  const day = typeof value === 'string' ? value : date;
  return isCalendarDay(day)
    ? formatDay(date, language)
    : formatMomentDay(date, { language, timeZone });
}
