import { daysRemaining } from './tuning-period';

describe('daysRemaining', () => {
  const since = new Date('2027-01-01T00:00:00Z');
  it.each([
    ['2027-01-01T00:00:00Z', 30, 30],
    ['2027-01-01T00:00:01Z', 30, 30],
    ['2027-01-30T23:59:59Z', 30, 1],
    ['2027-01-31T00:00:00Z', 30, 0],
    ['2027-03-01T00:00:00Z', 30, 0],
    ['2027-01-01T00:00:00Z', 0, 0],
    ['2027-01-15T12:00:00Z', 14, 0],
    ['2027-01-14T12:00:00Z', 14, 1],
  ])('at %s with a %d-day period: %d days remain', (now, period, remaining) => {
    expect(daysRemaining(since, new Date(now), period)).toBe(remaining);
  });
});
