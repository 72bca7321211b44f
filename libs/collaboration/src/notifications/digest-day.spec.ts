import { dueDigestDay, localDayAndHour } from './digest-day';

describe('digest day', () => {
  it('reads the local day and hour in the person’s zone', () => {
    const at = new Date('2026-11-02T23:30:00Z');
    expect(localDayAndHour(at, 'Asia/Tokyo')).toEqual({ day: '2026-11-03', hour: 8 });
    expect(localDayAndHour(at, 'UTC')).toEqual({ day: '2026-11-02', hour: 23 });
    expect(localDayAndHour(new Date('2026-11-02T00:10:00Z'), 'UTC').hour).toBe(0);
  });

  it('is due from the local digest hour on, not before', () => {
    expect(dueDigestDay(new Date('2026-11-02T23:59:00Z'), 'Asia/Tokyo', 9)).toBeNull();
    expect(dueDigestDay(new Date('2026-11-03T00:00:00Z'), 'Asia/Tokyo', 9)).toBe('2026-11-03');
    expect(dueDigestDay(new Date('2026-11-03T05:00:00Z'), 'Asia/Tokyo', 9)).toBe('2026-11-03');
    expect(dueDigestDay(new Date('2026-11-03T00:00:00Z'), 'Europe/London', 9)).toBeNull();
  });
});
