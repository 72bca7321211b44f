import { ScheduleFrequency, zoneOffsetMinutes } from '@app/agreements';

/** When each frequency's period begins, at midnight of the service time zone (BullMQ cron, with `tz`). */
export const FREQUENCY_CRON: Record<ScheduleFrequency, string> = {
  daily: '0 0 * * *',
  weekly: '0 0 * * 1',
  monthly: '0 0 1 * *',
  quarterly: '0 0 1 1,4,7,10 *',
  yearly: '0 0 1 1 *',
};

const DAY_MS = 86_400_000;

/** The wall-clock start (as a UTC-based date) of the period containing this wall-clock moment. */
function wallPeriodStart(frequency: ScheduleFrequency, wall: Date): number {
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth();
  const day = Date.UTC(y, m, wall.getUTCDate());
  switch (frequency) {
    case 'daily':
      return day;
    case 'weekly':
      // Weeks begin on Monday.
      return day - ((wall.getUTCDay() + 6) % 7) * DAY_MS;
    case 'monthly':
      return Date.UTC(y, m, 1);
    case 'quarterly':
      return Date.UTC(y, m - (m % 3), 1);
    case 'yearly':
      return Date.UTC(y, 0, 1);
  }
}

/**
 * The instant the period containing `at` began, at midnight in the time zone: the key that makes
 * a period's task unique whichever worker, retry or late run creates it.
 */
export function periodStart(frequency: ScheduleFrequency, at: Date, timeZone: string): Date {
  const wall = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000);
  const startWall = wallPeriodStart(frequency, wall);
  // The offset at the period's start may differ from now's (daylight saving): take that one.
  const guess = startWall - zoneOffsetMinutes(timeZone, new Date(startWall)) * 60_000;
  return new Date(startWall - zoneOffsetMinutes(timeZone, new Date(guess)) * 60_000);
}
