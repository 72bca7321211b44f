/**
 * Every test pins the business clock: each test file's clock starts at TEST_CLOCK_START and runs
 * on in real time, so no outcome depends on the day the suite runs (support ends, tokens expire,
 * steps fall overdue by the fixture's dates, not the calendar's). Test apps and the processes the
 * tests spawn all read `testClockNow()`, so they agree with each other.
 */
export const TEST_CLOCK_START = new Date('2026-11-02T03:00:00Z');

// Module state is per test file (Jest evaluates modules afresh for each file).
const fileStartedAt = Date.now();

/** What the pinned business clock reads now. */
export function testClockNow(): Date {
  return new Date(TEST_CLOCK_START.getTime() + (Date.now() - fileStartedAt));
}

/** CLOCK_AT for a process started now: it reads the same time as this test's clock. */
export function testClockEnv(): { CLOCK_AT: string } {
  return { CLOCK_AT: testClockNow().toISOString() };
}
