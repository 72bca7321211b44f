/** The local calendar day and hour of a moment in a zone (hours 0–23). */
export function localDayAndHour(at: Date, timeZone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/**
 * The local day whose digest is due at `now` for a person reading in `timeZone` with their
 * digest at `digestHour`, or null before that hour. From the hour on, the day's digest is due
 * (once: a digest is unique per person and day, so what is held after it waits for the next).
 */
export function dueDigestDay(now: Date, timeZone: string, digestHour: number): string | null {
  const local = localDayAndHour(now, timeZone);
  return local.hour >= digestHour ? local.day : null;
}
