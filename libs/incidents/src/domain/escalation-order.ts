import type { EscalationContact, WeeklyHours } from '@app/agreements';
import { minutesOfDay } from '@app/agreements/domain/time-of-day';
import { WEEKDAYS, zoneOffsetMinutes } from '@app/agreements';

/** Monday first, as WEEKDAYS; JavaScript's getUTCDay counts from Sunday. */
const JS_DAY_TO_WEEKDAY = [6, 0, 1, 2, 3, 4, 5];

/** Whether the instant falls in the weekly hours, read on the wall clock of the time zone. */
export function inWorkingHours(hours: WeeklyHours, timeZone: string, at: Date): boolean {
  const local = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000);
  const day = WEEKDAYS[JS_DAY_TO_WEEKDAY[local.getUTCDay()]];
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return (
    hours.days.includes(day) &&
    minute >= minutesOfDay(hours.start) &&
    minute < minutesOfDay(hours.end)
  );
}

export interface EscalationStep {
  /** The contact's position in the agreement's list (0 = called first). */
  index: number;
  contact: EscalationContact;
  /** True when nobody was in hours and the first contact is called anyway. */
  outOfHours: boolean;
  notifyAt: Date;
  /** When the next contact is tried if this one has not acknowledged. */
  ackDueAt: Date;
}

/**
 * Who to call next, and until when they have to acknowledge: the first contact, in the agreed
 * order, who has not been tried in this round and is in their working hours in their own time
 * zone (a contact outside their hours is skipped). If nobody is in hours when the round begins,
 * the first contact is called anyway: an incident must reach someone, and the agreement names
 * them first. Once someone has been tried and nobody untried is in hours, the round is over (null).
 */
export function nextEscalation(
  contacts: readonly EscalationContact[],
  at: Date,
  tried: ReadonlySet<number>,
  ackMinutes = 15,
): EscalationStep | null {
  const step = (index: number, outOfHours: boolean): EscalationStep => ({
    index,
    contact: contacts[index],
    outOfHours,
    notifyAt: at,
    ackDueAt: new Date(at.getTime() + ackMinutes * 60_000),
  });
  const inHours = contacts.findIndex(
    (c, i) => !tried.has(i) && inWorkingHours(c.workingHours, c.timeZone, at),
  );
  if (inHours >= 0) return step(inHours, false);
  if (tried.size === 0 && contacts.length > 0) return step(0, true);
  return null;
}
