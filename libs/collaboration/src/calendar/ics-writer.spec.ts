import ICAL from 'ical.js';
import { escapeText, foldLine, writeIcs } from './ics-writer';

describe('the iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b; c, d\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'期限'.repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('writes all-day and timed items a calendar library reads back as such', () => {
    const text = writeIcs({
      productId: '-//test//EN',
      name: 'My dates',
      timeZone: 'Asia/Tokyo',
      stamp: new Date('2026-11-02T03:00:00Z'),
      events: [
        {
          uid: 'a@x',
          sequence: 2,
          when: { kind: 'day', start: '2027-06-01' },
          summary: 'Due: sign, then; send',
          description: `line one\nline two ${'長い説明'.repeat(30)}`,
          lastModified: new Date('2026-11-01T00:00:00Z'),
        },
        {
          uid: 'b@x',
          sequence: 0,
          when: { kind: 'moment', start: new Date('2027-01-05T09:30:00Z') },
          summary: 'Tuning ends',
          description: 'x',
          lastModified: new Date('2026-11-01T00:00:00Z'),
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('My dates');
    const [day, moment] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(day.uid).toBe('a@x');
    expect(day.sequence).toBe(2);
    expect(day.startDate.isDate).toBe(true);
    expect(day.startDate.toString()).toBe('2027-06-01');
    expect(day.endDate.toString()).toBe('2027-06-02');
    expect(day.summary).toBe('Due: sign, then; send');
    expect(day.description).toBe(`line one\nline two ${'長い説明'.repeat(30)}`);
    expect(moment.startDate.isDate).toBe(false);
    expect(moment.startDate.toJSDate().toISOString()).toBe('2027-01-05T09:30:00.000Z');
  });
});
