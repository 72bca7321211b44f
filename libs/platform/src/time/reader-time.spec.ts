import {
  countryTimeZone,
  formatDay,
  formatMoment,
  formatMomentDay,
  isCalendarDay,
  isTimeZone,
} from './reader-time';

describe('reader time', () => {
  const at = new Date('2026-11-02T18:30:00Z');

  it("writes a moment in the reader's zone and language, naming the zone", () => {
    expect(formatMoment(at, { language: 'ja', timeZone: 'Asia/Tokyo' })).toBe(
      '2026/11/03 3:30 JST',
    );
    expect(formatMoment(at, { language: 'en', timeZone: 'Asia/Tokyo' })).toBe(
      '3 Nov 2026, 03:30 GMT+9',
    );
    expect(formatMoment(at, { language: 'zh', timeZone: 'Asia/Shanghai' })).toBe(
      '2026年11月3日 02:30 GMT+8',
    );
    expect(formatMoment(at, { language: 'en', timeZone: 'America/New_York' })).toBe(
      '2 Nov 2026, 13:30 GMT-5',
    );
    expect(formatMoment(at, { language: 'en', timeZone: 'UTC' })).toBe('2 Nov 2026, 18:30 UTC');
  });

  it('remembers a written moment by language, zone, style and minute only', () => {
    const reader = { language: 'en', timeZone: 'Europe/London' } as const;
    // The same minute reads the same, seconds and milliseconds apart.
    expect(formatMoment(new Date('2026-11-02T18:30:59.999Z'), reader)).toBe(
      '2 Nov 2026, 18:30 GMT',
    );
    expect(formatMoment(new Date('2026-11-02T18:30:00.000Z'), reader)).toBe(
      '2 Nov 2026, 18:30 GMT',
    );
    expect(formatMoment(new Date('2026-11-02T18:31:00.000Z'), reader)).toBe(
      '2 Nov 2026, 18:31 GMT',
    );
    // Either side of a change of offset, the zone's name follows the instant.
    expect(formatMoment(new Date('2026-03-29T00:59:00Z'), reader)).toBe('29 Mar 2026, 00:59 GMT');
    expect(formatMoment(new Date('2026-03-29T01:00:00Z'), reader)).toBe('29 Mar 2026, 02:00 BST');
    // Another zone, language or style of the same minute is written anew.
    expect(formatMoment(at, { language: 'en', timeZone: 'Asia/Tokyo' })).toBe(
      '3 Nov 2026, 03:30 GMT+9',
    );
    expect(formatMoment(at, { language: 'ja', timeZone: 'Asia/Tokyo' })).toBe(
      '2026/11/03 3:30 JST',
    );
    expect(formatMoment(at, { language: 'en', timeZone: 'Asia/Tokyo' }, 'long')).toBe(
      '3 November 2026 at 03:30 GMT+9',
    );
    // Before 1970 too (minutes counted down from the epoch).
    expect(
      formatMoment(new Date('1969-12-31T23:59:30Z'), { language: 'en', timeZone: 'UTC' }),
    ).toBe('31 Dec 1969, 23:59 UTC');
    expect(() => formatMoment(new Date(Number.NaN), reader)).toThrow(RangeError);
  });

  it('falls back to UTC for a zone it does not know, still naming it', () => {
    expect(formatMoment(at, { language: 'en', timeZone: 'Mars/Olympus' })).toBe(
      '2 Nov 2026, 18:30 UTC',
    );
  });

  it('writes a calendar day as the day it is, whatever the zone', () => {
    expect(formatDay('2027-06-01', 'en')).toBe('1 Jun 2027');
    expect(formatDay(new Date('2027-06-01T00:00:00Z'), 'ja', 'long')).toBe('2027年6月1日');
  });

  it('knows IANA zones and the usual zone of a country', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Tokyo')).toBe(false);
    expect(countryTimeZone('jp')).toBe('Asia/Tokyo');
    expect(countryTimeZone('CN')).toBe('Asia/Shanghai');
    expect(countryTimeZone('XX')).toBeNull();
  });
});

describe('days', () => {
  it("tells calendar days from moments, and gives a moment the day it falls on in the reader's zone", () => {
    expect(isCalendarDay('2027-06-01')).toBe(true);
    expect(isCalendarDay(new Date('2027-06-01T00:00:00Z'))).toBe(true);
    expect(isCalendarDay(new Date('2027-06-01T20:00:00Z'))).toBe(false);
    expect(
      formatMomentDay(new Date('2027-06-01T20:00:00Z'), { language: 'en', timeZone: 'Asia/Tokyo' }),
    ).toBe('2 Jun 2027');
    expect(
      formatMomentDay(new Date('2027-06-01T20:00:00Z'), { language: 'en', timeZone: 'UTC' }),
    ).toBe('1 Jun 2027');
    // Written days are remembered per locale, zone and instant: asked again, each reader's own.
    expect(
      formatMomentDay(new Date('2027-06-01T20:00:00Z'), { language: 'ja', timeZone: 'Asia/Tokyo' }),
    ).toBe('2027/06/02');
    expect(
      formatMomentDay(new Date('2027-06-01T20:00:00Z'), { language: 'en', timeZone: 'Asia/Tokyo' }),
    ).toBe('2 Jun 2027');
    expect(formatDay(new Date('2027-06-01T00:00:00Z'), 'en')).toBe('1 Jun 2027');
    expect(formatDay(new Date('2027-06-01T00:00:00Z'), 'zh')).toBe(
      new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date('2027-06-01T00:00:00Z'),
      ),
    );
  });
});
