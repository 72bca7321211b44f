import { remainingTime } from './remaining-time';

const now = new Date('2030-01-01T09:00:00Z');
const after = (ms: number) => new Date(now.getTime() + ms);
const MINUTE = 60_000;

describe('remainingTime', () => {
  it('gives the two largest units in the reader language, minutes rounded up', () => {
    expect(remainingTime(after(85 * MINUTE), now, 'en')).toBe('1 hour 25 minutes');
    expect(remainingTime(after(85 * MINUTE - 30_000), now, 'en')).toBe('1 hour 25 minutes');
    expect(remainingTime(after(60 * MINUTE), now, 'en')).toBe('1 hour');
    expect(remainingTime(after(27 * 60 * MINUTE + 5 * MINUTE), now, 'en')).toBe('1 day 3 hours');
    expect(remainingTime(after(1000), now, 'en')).toBe('1 minute');
    expect(remainingTime(after(125 * MINUTE), now, 'ja')).toBe('2 時間 5 分');
    expect(remainingTime(after(45 * MINUTE), now, 'zh')).toBe('45分钟');
  });

  it('is null once the deadline has come', () => {
    expect(remainingTime(now, now, 'en')).toBeNull();
    expect(remainingTime(after(-MINUTE), now, 'ja')).toBeNull();
  });
});
