import { periodStart } from '@app/incidents';
import { dayIn, nextPeriodStart } from './calendar-dates';

describe('calendar dates', () => {
  it('names the day a moment falls on in a zone', () => {
    const at = new Date('2026-10-31T15:00:00Z');
    expect(dayIn(at, 'Asia/Tokyo')).toBe('2026-11-01');
    expect(dayIn(at, 'UTC')).toBe('2026-10-31');
    expect(dayIn(at, 'America/New_York')).toBe('2026-10-31');
  });

  it.each([
    ['daily', '2026-11-01', '2026-11-02'],
    ['weekly', '2026-11-02', '2026-11-09'],
    ['monthly', '2027-01-01', '2027-02-01'],
    ['monthly', '2027-02-01', '2027-03-01'],
    ['quarterly', '2027-01-01', '2027-04-01'],
    ['yearly', '2027-01-01', '2028-01-01'],
  ] as const)('the %s period after the one beginning %s begins %s', (frequency, day, next) => {
    const zone = 'Asia/Tokyo';
    const start = periodStart(frequency, new Date(`${day}T03:00:00Z`), zone);
    expect(dayIn(start, zone)).toBe(day);
    expect(dayIn(nextPeriodStart(frequency, start, zone), zone)).toBe(next);
  });

  it('steps over a change of daylight saving time to the next local midnight', () => {
    const zone = 'Europe/London';
    // 29 March 2026 has 23 hours in London; 25 October 2026 has 25.
    for (const day of ['2026-03-29', '2026-10-25']) {
      const start = periodStart('daily', new Date(`${day}T12:00:00Z`), zone);
      const next = nextPeriodStart('daily', start, zone);
      expect(dayIn(next, zone)).not.toBe(day);
      expect(
        new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeStyle: 'short' }).format(next),
      ).toBe('00:00');
    }
  });
});
