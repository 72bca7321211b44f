import { windowOf } from './fixed-window';

describe('windowOf', () => {
  it.each([
    ['2026-01-01T10:00:00.000Z', 60, '2026-01-01T10:00:00.000Z', 60],
    ['2026-01-01T10:00:59.999Z', 60, '2026-01-01T10:00:00.000Z', 1],
    ['2026-01-01T10:01:00.000Z', 60, '2026-01-01T10:01:00.000Z', 60],
    ['2026-01-01T10:00:30.500Z', 60, '2026-01-01T10:00:00.000Z', 30],
    ['2026-01-01T10:07:30.000Z', 600, '2026-01-01T10:00:00.000Z', 150],
    ['2026-01-01T10:00:00.400Z', 1, '2026-01-01T10:00:00.000Z', 1],
  ])('at %s with %i s windows: starts %s, %i s left', (now, seconds, start, left) => {
    expect(windowOf(new Date(now), seconds)).toEqual({ start: new Date(start), secondsLeft: left });
  });
});
