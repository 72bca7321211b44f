import { DEFAULT_REMINDERS, ReminderSchedule } from '../templates/template.types';
import {
  DAY_MS,
  dueTiming,
  later,
  nextReminder,
  overdueDays,
  realRunAt,
  reminderSlotAfter,
} from './reminder-schedule';

const due = new Date('2027-03-01T00:00:00Z');
const days = (n: number): Date => new Date(due.getTime() + n * DAY_MS);

/** Every reminder a step gets when each one is sent on time. */
function chain(schedule: ReminderSchedule, openedAt: Date): Date[] {
  const sent: Date[] = [];
  let after = openedAt;
  for (
    let next = nextReminder(due, schedule, 0, after);
    next !== null;
    next = nextReminder(due, schedule, next.number, after)
  ) {
    sent.push(next.at);
    after = next.at;
  }
  return sent;
}

describe('reminder schedule', () => {
  it('by default reminds 2 days before the due date, then every 2 days after, 5 in all', () => {
    expect(chain(DEFAULT_REMINDERS, days(-30))).toEqual([
      days(-2),
      days(2),
      days(4),
      days(6),
      days(8),
    ]);
  });

  it('follows a template schedule with several reminders before the due date, in order', () => {
    const vendor: ReminderSchedule = {
      beforeDueDays: [1, 7, 3],
      afterDueEveryDays: 1,
      maxReminders: 10,
    };
    expect(chain(vendor, days(-20))).toEqual([
      days(-7),
      days(-3),
      days(-1),
      ...[1, 2, 3, 4, 5, 6, 7].map(days),
    ]);
  });

  it('skips slots already past when a step opens late, and still sends up to the maximum', () => {
    // Opened a day before the due date: the 2-days-before slot has gone.
    expect(chain(DEFAULT_REMINDERS, days(-1))).toEqual([
      days(2),
      days(4),
      days(6),
      days(8),
      days(10),
    ]);
    // Opened three days after it: the after-due rhythm continues from the due date.
    expect(chain(DEFAULT_REMINDERS, days(3))).toEqual([
      days(4),
      days(6),
      days(8),
      days(10),
      days(12),
    ]);
  });

  it('takes the first slot strictly after the given moment', () => {
    expect(reminderSlotAfter(due, DEFAULT_REMINDERS, days(-2))).toEqual(days(2));
    expect(reminderSlotAfter(due, DEFAULT_REMINDERS, new Date(days(-2).getTime() - 1))).toEqual(
      days(-2),
    );
    expect(reminderSlotAfter(due, DEFAULT_REMINDERS, due)).toEqual(days(2));
    expect(reminderSlotAfter(due, DEFAULT_REMINDERS, days(4))).toEqual(days(6));
    expect(reminderSlotAfter(due, DEFAULT_REMINDERS, new Date(days(4).getTime() + 1))).toEqual(
      days(6),
    );
  });

  it('treats 0 days before as the due moment itself, and ignores repeated days', () => {
    const schedule: ReminderSchedule = {
      beforeDueDays: [0, 2, 2],
      afterDueEveryDays: 3,
      maxReminders: 4,
    };
    expect(chain(schedule, days(-10))).toEqual([days(-2), due, days(3), days(6)]);
  });

  it('numbers reminders from 1 and stops at maxReminders', () => {
    expect(nextReminder(due, DEFAULT_REMINDERS, 0, days(-10))).toEqual({ number: 1, at: days(-2) });
    expect(nextReminder(due, DEFAULT_REMINDERS, 4, days(6))).toEqual({ number: 5, at: days(8) });
    expect(nextReminder(due, DEFAULT_REMINDERS, 5, days(8))).toBeNull();
    expect(nextReminder(due, { ...DEFAULT_REMINDERS, maxReminders: 0 }, 0, days(-10))).toBeNull();
  });

  it('says how a reminder stands to the due date in whole days', () => {
    expect(dueTiming(due, days(-2))).toEqual({ overdue: false, days: 2 });
    expect(dueTiming(due, new Date(days(-2).getTime() + 50))).toEqual({ overdue: false, days: 2 });
    expect(dueTiming(due, due)).toEqual({ overdue: false, days: 0 });
    expect(dueTiming(due, new Date(due.getTime() + 3_600_000))).toEqual({
      overdue: false,
      days: 0,
    });
    expect(dueTiming(due, days(1))).toEqual({ overdue: true, days: 1 });
    expect(dueTiming(due, new Date(days(4).getTime() + 50))).toEqual({ overdue: true, days: 4 });
  });

  it('counts whole days overdue', () => {
    expect(overdueDays(due, days(-1))).toBe(0);
    expect(overdueDays(due, new Date(due.getTime() + 1000))).toBe(0);
    expect(overdueDays(due, new Date(days(3).getTime() + 1000))).toBe(3);
  });

  it('turns a business time into the real time to run at, keeping the distance the clock implies', () => {
    const realNow = Date.parse('2026-01-10T12:00:00Z');
    // A real clock: run at that very moment.
    expect(realRunAt(days(-2), new Date(realNow), realNow)).toEqual(
      new Date(realNow + (days(-2).getTime() - realNow)),
    );
    // A clock moved to 1.5 s before the slot: run 1.5 s from now, whatever the real date is.
    const clockNow = new Date(days(-2).getTime() - 1500);
    expect(realRunAt(days(-2), clockNow, realNow)).toEqual(new Date(realNow + 1500));
    // A slot already past: now.
    expect(realRunAt(days(-2), days(1), realNow)).toEqual(new Date(realNow));
  });

  it('picks the later of two moments', () => {
    expect(later(days(1), days(2))).toEqual(days(2));
    expect(later(days(3), days(2))).toEqual(days(3));
  });
});
