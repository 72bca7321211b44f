import { reconcileIntervalMs } from './outbox-reconciler';

describe('reconcileIntervalMs', () => {
  it.each([
    // afterMs, pollMs, expected
    [120_000, 500, 30_000], // the default: twice a minute
    [3_000, 100, 1_500], // short in tests: half the threshold
    [1_000, 500, 500], // never more often than the relay polls
    [1_000, 2_000, 2_000],
    [7 * 24 * 3600_000, 500, 30_000], // capped at 30 s however long the threshold
  ])('after %i ms, polling every %i ms → every %i ms', (afterMs, pollMs, expected) => {
    expect(reconcileIntervalMs(afterMs, pollMs)).toBe(expected);
  });
});
