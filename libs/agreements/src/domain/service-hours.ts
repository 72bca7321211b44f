import { CLOCK_TIME, FieldReader, fieldPath, isTimeZone, minutesOfDay } from './field-reader';
import { COVERAGES, Coverage, WEEKDAYS, Weekday } from './vocabulary';

/** Round the clock, or stated days and hours in an IANA time zone. */
export interface ServiceHours {
  coverage: Coverage;
  timeZone: string;
  /** business_hours only. */
  days?: Weekday[];
  /** business_hours only, HH:MM in timeZone. */
  start?: string;
  end?: string;
}

/** Days and hours on a 24-hour clock, e.g. a contact's working hours. */
export interface WeeklyHours {
  days: Weekday[];
  start: string;
  end: string;
}

export function readTimeZone(reader: FieldReader, value: unknown, path: string): string | null {
  const zone = reader.string(value, path, { max: 64 });
  if (zone === null) return null;
  if (!isTimeZone(zone)) return reader.fail(path, 'must be an IANA time zone such as Asia/Tokyo');
  return zone;
}

export function readWeeklyHours(
  reader: FieldReader,
  value: unknown,
  path: string,
): WeeklyHours | null {
  const record = reader.object(value, path, ['days', 'start', 'end']);
  if (!record) return null;
  const days = reader.setOf(record.days, fieldPath(path, 'days'), WEEKDAYS, { min: 1, max: 7 });
  const start = reader.string(record.start, fieldPath(path, 'start'), {
    max: 5,
    pattern: CLOCK_TIME,
    patternReason: 'must be a time HH:MM',
  });
  const end = reader.string(record.end, fieldPath(path, 'end'), {
    max: 5,
    pattern: CLOCK_TIME,
    patternReason: 'must be a time HH:MM (24:00 for midnight)',
  });
  if (start === '24:00') reader.fail(fieldPath(path, 'start'), 'must be before 24:00');
  if (start && end && minutesOfDay(end) <= minutesOfDay(start)) {
    reader.fail(fieldPath(path, 'end'), 'must be after start');
  }
  if (!days || !start || !end) return null;
  return { days: sortDays(days), start, end };
}

export function readServiceHours(
  reader: FieldReader,
  value: unknown,
  path: string,
): ServiceHours | null {
  const record = reader.object(value, path, ['coverage', 'timeZone', 'days', 'start', 'end']);
  if (!record) return null;
  const coverage = reader.oneOf(record.coverage, fieldPath(path, 'coverage'), COVERAGES);
  const timeZone = readTimeZone(reader, record.timeZone, fieldPath(path, 'timeZone'));
  if (coverage === '24x7') {
    reader.absent(record, path, ['days', 'start', 'end'], 'applies to business_hours only');
    return timeZone ? { coverage, timeZone } : null;
  }
  if (coverage === 'business_hours') {
    const hours = readWeeklyHours(
      reader,
      { days: record.days, start: record.start, end: record.end },
      path,
    );
    return timeZone && hours ? { coverage, timeZone, ...hours } : null;
  }
  return null;
}

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
