import type { ScheduleFrequency } from '@app/agreements';
import { periodStart } from '@app/incidents';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) a moment falls on in a time zone. */
export function dayIn(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

/** Longer than one period of each frequency and shorter than two, whatever the month or DST. */
const PAST_ONE_PERIOD_MS: Record<ScheduleFrequency, number> = {
  daily: 36 * 3_600_000,
  weekly: 8 * 86_400_000,
  monthly: 32 * 86_400_000,
  quarterly: 93 * 86_400_000,
  yearly: 367 * 86_400_000,
};

/** When the period after the one beginning at `start` begins (midnight in the service's zone). */
export function nextPeriodStart(frequency: ScheduleFrequency, start: Date, timeZone: string): Date {
  return periodStart(
    frequency,
    new Date(start.getTime() + PAST_ONE_PERIOD_MS[frequency]),
    timeZone,
  );
}
