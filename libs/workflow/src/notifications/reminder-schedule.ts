import type { ReminderSchedule } from '../templates/template.types';

export const DAY_MS = 24 * 3600 * 1000;

export interface ScheduledReminder {
  /** 1-based: the how-manieth reminder of this opening of the step. */
  number: number;
  /** The schedule slot it stands for (business time). */
  at: Date;
}

/**
 * The first slot of the schedule strictly after `after`. The slots, in order: `beforeDueDays`
 * days before the due date (largest first), then every `afterDueEveryDays` days after it, without
 * end; `maxReminders` caps how many are sent, not how far the slots reach, so a step opened late
 * still gets its reminders. Slots in the past are skipped rather than sent in a burst.
 */
export function reminderSlotAfter(dueAt: Date, schedule: ReminderSchedule, after: Date): Date {
  const due = dueAt.getTime();
  const from = after.getTime();
  const beforeDue = [...new Set(schedule.beforeDueDays)].sort((a, b) => b - a);
  for (const days of beforeDue) {
    const slot = due - days * DAY_MS;
    if (slot > from) return new Date(slot);
  }
  const every = Math.max(1, schedule.afterDueEveryDays) * DAY_MS;
  // The smallest k >= 1 with due + k * every > from.
  const k = Math.max(1, Math.floor((from - due) / every) + 1);
  return new Date(due + k * every);
}

/**
 * The reminder that follows reminder number `previous` (0 when none has been sent), at the
 * first slot after `after`; null once `maxReminders` have been scheduled.
 */
export function nextReminder(
  dueAt: Date,
  schedule: ReminderSchedule,
  previous: number,
  after: Date,
): ScheduledReminder | null {
  const number = previous + 1;
  if (number > schedule.maxReminders) return null;
  return { number, at: reminderSlotAfter(dueAt, schedule, after) };
}

/**
 * How a moment relates to the due date, in whole days, for the mail: `overdue` from one full day
 * past the due moment; before it, the days left rounded up; 0 and not overdue means "due today".
 */
export function dueTiming(dueAt: Date, at: Date): { overdue: boolean; days: number } {
  const diff = at.getTime() - dueAt.getTime();
  if (diff >= 0) {
    const days = Math.floor(diff / DAY_MS);
    return days >= 1 ? { overdue: true, days } : { overdue: false, days: 0 };
  }
  return { overdue: false, days: Math.ceil(-diff / DAY_MS) };
}

/** Whole days past the due date at `at` (0 before or within the first day). */
export function overdueDays(dueAt: Date, at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - dueAt.getTime()) / DAY_MS));
}

/**
 * The real time at which a job for business time `at` must run, given what the business clock
 * reads now: the same distance from the real now. With the real clock this is `at` itself (or
 * now, if `at` has passed); a moved clock in tests keeps the delay it implies.
 */
// eslint-disable-next-line no-restricted-syntax -- the queue waits in real time: this turns a business instant into one
export function realRunAt(at: Date, clockNow: Date, realNow: number = Date.now()): Date {
  return new Date(realNow + Math.max(0, at.getTime() - clockNow.getTime()));
}

/** The later of two moments. */
export function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
