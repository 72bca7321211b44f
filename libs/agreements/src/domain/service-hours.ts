import { z } from 'zod';
import {
  crossFieldRule,
  IF_VALID_SO_FAR,
  distinctList,
  oneOf,
  optional,
  record,
  RuleContext,
  text,
  validPart,
} from '@app/platform';
import { CLOCK_TIME, isTimeZone, minutesOfDay } from './time-of-day';
import { COVERAGES, WEEKDAYS, Weekday } from './vocabulary';

/** An IANA time zone the runtime knows. */
export const timeZoneSchema = text({ max: 64 })
  .refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Tokyo', ...IF_VALID_SO_FAR })
  .meta({ description: 'IANA time zone', example: 'Asia/Tokyo' });

/** Distinct weekdays, kept in week order. */
const daysSchema = distinctList(oneOf(WEEKDAYS), { min: 1, max: 7 }).overwrite(sortDays);
const startSchema = text({
  max: 5,
  pattern: CLOCK_TIME,
  patternReason: 'must be a time HH:MM',
}).meta({ description: 'HH:MM', example: '09:00' });
const endSchema = text({
  max: 5,
  pattern: CLOCK_TIME,
  patternReason: 'must be a time HH:MM (24:00 for midnight)',
}).meta({ description: 'HH:MM (24:00 for midnight)', example: '18:00' });

/** A start before 24:00 and an end after the start, compared when both are valid. */
function hoursInOrder(fields: Readonly<Record<string, unknown>>, context: RuleContext): void {
  const start = validPart(startSchema, fields.start);
  const end = validPart(endSchema, fields.end);
  if (start === '24:00') context.refuse(['start'], 'must be before 24:00');
  if (start && end && minutesOfDay(end) <= minutesOfDay(start))
    context.refuse(['end'], 'must be after start');
}

/** Days and hours on a 24-hour clock, e.g. a contact's working hours. */
export const weeklyHoursSchema = record({
  days: daysSchema,
  start: startSchema,
  end: endSchema,
}).check(crossFieldRule(hoursInOrder));
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

const BUSINESS_HOURS_FIELDS = ['days', 'start', 'end'] as const;

/** Round the clock, or stated days and hours (business_hours only) in an IANA time zone. */
export const serviceHoursSchema = record({
  coverage: oneOf(COVERAGES),
  timeZone: timeZoneSchema,
  days: optional(daysSchema.meta({ description: 'business_hours only' })),
  start: optional(startSchema.meta({ description: 'business_hours only, HH:MM in timeZone' })),
  end: optional(endSchema.meta({ description: 'business_hours only, HH:MM in timeZone' })),
}).check(
  crossFieldRule((fields, context) => {
    const coverage = validPart(oneOf(COVERAGES), fields.coverage);
    if (coverage === '24x7') {
      for (const key of BUSINESS_HOURS_FIELDS)
        if (fields[key] !== undefined) context.refuse([key], 'applies to business_hours only');
    } else if (coverage === 'business_hours') {
      for (const key of BUSINESS_HOURS_FIELDS)
        if (fields[key] === undefined) context.refuse([key], 'is required');
      hoursInOrder(fields, context);
    }
  }),
);
export type ServiceHours = z.infer<typeof serviceHoursSchema>;

function sortDays(days: Weekday[]): Weekday[] {
  return [...days].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
}

const WEEK_MINUTES = 7 * 24 * 60;

/** Minutes east of UTC of a time zone at an instant. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  const utc = Math.floor(at.getTime() / 60_000) * 60_000;
  return Math.round((local - utc) / 60_000);
}

/** The UTC minutes of the week (Monday 00:00 UTC = 0) that the hours cover, as half-open ranges. */
function weeklyRangesUtc(hours: ServiceHours, at: Date): Array<[number, number]> {
  if (hours.coverage === '24x7') return [[0, WEEK_MINUTES]];
  const offset = zoneOffsetMinutes(hours.timeZone, at);
  const ranges: Array<[number, number]> = [];
  for (const day of hours.days ?? []) {
    const base = WEEKDAYS.indexOf(day) * 24 * 60 - offset;
    const start = base + minutesOfDay(hours.start ?? '00:00');
    const end = base + minutesOfDay(hours.end ?? '24:00');
    // Wrap around the week so every range lies within [0, WEEK_MINUTES).
    const s = ((start % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
    const length = end - start;
    if (s + length <= WEEK_MINUTES) ranges.push([s, s + length]);
    else ranges.push([s, WEEK_MINUTES], [0, s + length - WEEK_MINUTES]);
  }
  return ranges;
}

/**
 * Whether `offered` covers every minute that `wanted` needs, comparing both in UTC with each
 * zone's offset at `at` (so daylight saving is taken as it stands at that instant).
 */
export function coversHours(offered: ServiceHours, wanted: ServiceHours, at: Date): boolean {
  if (offered.coverage === '24x7') return true;
  if (wanted.coverage === '24x7') return false;
  const offeredRanges = weeklyRangesUtc(offered, at);
  return weeklyRangesUtc(wanted, at).every(([start, end]) => {
    let cursor = start;
    // Walk the wanted range, jumping to the end of any offered range that covers the cursor.
    for (let guard = 0; cursor < end && guard < 64; guard += 1) {
      const covering = offeredRanges.find(([s, e]) => s <= cursor && cursor < e);
      if (!covering) return false;
      cursor = covering[1];
    }
    return cursor >= end;
  });
}
