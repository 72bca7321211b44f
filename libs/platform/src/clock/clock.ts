import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

/**
 * The business clock: what time it is for due dates, classification, expiry, reminders and
 * escalations. Every decision that depends on the date reads it here, never `Date.now()` or
 * `new Date()` (a lint rule enforces this under libs/ and apps/), so tests can pin it and the
 * outcome of a test never depends on the day it runs.
 *
 * `CLOCK_AT` (tests and demos) makes it read that instant at the moment the process started
 * (`performance.timeOrigin`, so processes started together agree however long each takes to
 * boot); time keeps flowing from there. Moving it (`travelTo`) changes only this instance, i.e. only the process
 * that holds it. Delays handed to the queue are differences between two readings of this clock,
 * so a moved clock yields the same real delay a real one would.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  constructor(@Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'clockAt'>) {
    if (config?.clockAt) this.offsetMs = config.clockAt.getTime() - performance.timeOrigin;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    // eslint-disable-next-line no-restricted-syntax -- the one place that reads the real time
    return Date.now() + this.offsetMs;
  }

  /** The real time, for what the clock's readings are turned into (queue delays). */
  realNowMs(): number {
    // eslint-disable-next-line no-restricted-syntax -- see nowMs
    return Date.now();
  }

  /** Makes `now()` read `at` from this moment on (tests and demos only). */
  travelTo(at: Date): void {
    // eslint-disable-next-line no-restricted-syntax -- see nowMs
    this.offsetMs = at.getTime() - Date.now();
  }

  /** Back to the real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
