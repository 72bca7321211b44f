/**
 * A small iCalendar (RFC 5545) writer for the feed: VCALENDAR with VEVENTs, text escaped
 * (backslash, semicolon, comma, line breaks), lines folded at 75 octets without splitting a
 * UTF-8 character, CRLF line ends. All-day items are DATE values (a day, in no zone); timed items
 * are UTC DATE-TIMEs, which every calendar shows in its own zone.
 */

/** An all-day item covers whole days (`end` exclusive, as RFC 5545's DTEND of a DATE). */
export interface AllDay {
  kind: 'day';
  /** YYYY-MM-DD */
  start: string;
  /** YYYY-MM-DD, the day after the last; absent: one day. */
  end?: string;
}

export interface Timed {
  kind: 'moment';
  start: Date;
  end?: Date;
}

export interface IcsEvent {
  uid: string;
  sequence: number;
  when: AllDay | Timed;
  summary: string;
  description: string;
  url?: string;
  lastModified: Date;
  /** What the item is, for programs reading the feed (X-MDR-KIND; people read the summary). */
  kind?: string;
}

export interface IcsCalendar {
  /** The product identifier (PRODID). */
  productId: string;
  name: string;
  /** The zone the feed's reader reads in, as a hint to the calendar (X-WR-TIMEZONE). */
  timeZone: string;
  /** When the feed was made (every DTSTAMP): the business clock. */
  stamp: Date;
  events: IcsEvent[];
}

/** TEXT as RFC 5545 §3.3.11 escapes it. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line at 75 octets; continuation lines start with a space (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; a continuation line holds 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A UTC DATE-TIME: 20261204T093000Z. */
export function utcDateTime(at: Date): string {
  return (
    `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}` +
    `T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`
  );
}

/** A DATE from YYYY-MM-DD: 20261204. */
export function icsDate(day: string): string {
  return day.slice(0, 10).replace(/-/g, '');
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const next = new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcDateTime(stamp)}`,
    `LAST-MODIFIED:${utcDateTime(event.lastModified)}`,
  ];
  if (event.when.kind === 'day') {
    lines.push(`DTSTART;VALUE=DATE:${icsDate(event.when.start)}`);
    lines.push(`DTEND;VALUE=DATE:${icsDate(event.when.end ?? nextDay(event.when.start))}`);
    // A day item blocks no time.
    lines.push('TRANSP:TRANSPARENT');
  } else {
    lines.push(`DTSTART:${utcDateTime(event.when.start)}`);
    // Without an end, a timed item is a moment (it ends when it starts, §3.6.1).
    if (event.when.end) lines.push(`DTEND:${utcDateTime(event.when.end)}`);
    lines.push('TRANSP:TRANSPARENT');
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  if (event.kind) lines.push(`X-MDR-KIND:${escapeText(event.kind)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole feed as text/calendar. */
export function writeIcs(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${calendar.timeZone}`,
    ...calendar.events.flatMap((event) => eventLines(event, calendar.stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
