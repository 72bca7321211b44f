import type { Clock } from '@app/platform';
import type { InProcessClient } from './in-process-client';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export const LEAD = 'lead@mdr.example';
export const ANALYST = 'analyst@mdr.example';
export const ADMIN = 'admin@portal.example';
export const ACCOUNT_MANAGER = 'am@mdr.example';
export const SAKURA_SECURITY = 'security@sakura.example';
export const SAKURA_IT_JP = 'it-jp@sakura.example';
export const SAKURA_IT_CN = 'it-cn@sakura.example';
export const NORTHWIND_SECURITY = 'security@northwind.example';
/** Invited by Northwind's security lead during the scenario (the bare demo has no IT staff there). */
export const NORTHWIND_IT = 'it@northwind.example';

/**
 * Two stories told at once in one process: each script waits at `at(t)` until every other one
 * has reached `t` or later, so the business clock only ever moves forward. Mails and jobs queued
 * at one moment are then never handled at an earlier one (a link would be born expired).
 */
export class Timeline {
  private threads = 0;
  private readonly waiting: { at: number; resolve: () => void }[] = [];
  private last = -Infinity;

  constructor(private readonly clock: Clock) {}

  join(): void {
    this.threads += 1;
  }

  leave(): void {
    this.threads -= 1;
    this.release();
  }

  at(at: Date): Promise<void> {
    if (at.getTime() < this.last)
      return Promise.reject(new Error(`Scenario: the clock would go back to ${at.toISOString()}`));
    return new Promise((resolve) => {
      this.waiting.push({ at: at.getTime(), resolve });
      this.release();
    });
  }

  private release(): void {
    if (this.waiting.length === 0 || this.waiting.length < this.threads) return;
    this.waiting.sort((a, b) => a.at - b.at);
    const next = this.waiting.shift() as { at: number; resolve: () => void };
    this.last = next.at;
    this.clock.travelTo(new Date(next.at));
    next.resolve();
  }
}

/**
 * What a scenario script works with: its people's HTTP client and the business clock, which it
 * moves to the moment each thing happened ("40 days ago") relative to when seeding began.
 */
export class ScenarioContext {
  constructor(
    readonly client: InProcessClient,
    private readonly timeline: Timeline,
    /** Business time when seeding began: "today" of the story. */
    readonly today: Date,
    readonly password: string,
  ) {}

  /** The clock reads `offsetMs` from the story's today (negative: the past). */
  at(offsetMs: number): Promise<void> {
    return this.timeline.at(new Date(this.today.getTime() + offsetMs));
  }

  /** The clock reads this instant. */
  atInstant(at: Date): Promise<void> {
    return this.timeline.at(at);
  }

  /** The calendar day (UTC) `days` after the story's today. */
  day(days: number): string {
    return new Date(this.today.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  }
}
