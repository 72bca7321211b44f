import { FREQUENCY_CRON, periodStart } from './peacetime-period';

describe('periodStart', () => {
  it.each([
    // frequency, at (UTC), zone, period start (UTC)
    ['daily', '2030-12-04T10:00:00Z', 'UTC', '2030-12-04T00:00:00.000Z'],
    ['daily', '2030-12-04T16:00:00Z', 'Asia/Tokyo', '2030-12-04T15:00:00.000Z'], // 01:00 on the 5th in Tokyo
    ['daily', '2030-12-04T14:59:00Z', 'Asia/Tokyo', '2030-12-03T15:00:00.000Z'],
    ['weekly', '2030-12-08T10:00:00Z', 'UTC', '2030-12-02T00:00:00.000Z'], // Sunday → that week's Monday
    ['weekly', '2030-12-02T00:00:00Z', 'UTC', '2030-12-02T00:00:00.000Z'], // Monday midnight is its own start
    ['monthly', '2030-12-31T23:59:00Z', 'UTC', '2030-12-01T00:00:00.000Z'],
    ['monthly', '2030-12-31T23:30:00Z', 'Europe/Berlin', '2030-12-31T23:00:00.000Z'], // already January in Berlin
    ['monthly', '2030-04-15T12:00:00Z', 'Europe/Berlin', '2030-03-31T22:00:00.000Z'], // 1 April, summer time
    ['quarterly', '2030-05-20T00:00:00Z', 'UTC', '2030-04-01T00:00:00.000Z'],
    ['quarterly', '2030-12-31T00:00:00Z', 'UTC', '2030-10-01T00:00:00.000Z'],
    ['yearly', '2030-07-01T00:00:00Z', 'Asia/Tokyo', '2029-12-31T15:00:00.000Z'],
  ] as const)('%s at %s in %s', (frequency, at, zone, expected) => {
    expect(periodStart(frequency, new Date(at), zone).toISOString()).toBe(expected);
  });

  it('gives one cron pattern per frequency', () => {
    expect(new Set(Object.values(FREQUENCY_CRON)).size).toBe(5);
  });
});
