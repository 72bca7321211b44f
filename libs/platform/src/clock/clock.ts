import { Injectable } from '@nestjs/common';

/**
 * The business clock: what time it is for due dates, reminders and escalations. Inject it
 * instead of calling `new Date()` where a time decides what is scheduled, so tests can move it.
 *
 * Moving it (`travelTo`) changes only this instance, i.e. only the process that holds it; time
 * keeps flowing from the new reading. Delays handed to the queue are differences between two
 * readings of this clock, so a moved clock yields the same real delay a real one would.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Makes `now()` read `at` from this moment on (tests and demos only). */
  travelTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  /** Back to the real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
