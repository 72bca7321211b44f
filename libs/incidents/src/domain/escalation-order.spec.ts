import type { EscalationContact } from '@app/agreements';
import { inWorkingHours, nextEscalation } from './escalation-order';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as EscalationContact['workingHours']['days'];
const contact = (
  name: string,
  timeZone: string,
  start: string,
  end: string,
): EscalationContact => ({
  name,
  email: `${name}@example.com`,
  phone: '+81 3 1234 5678',
  country: 'JP',
  timeZone,
  workingHours: { days: weekdays, start, end },
  role: 'Security',
});

// In the agreed order: Tokyo first, then Berlin, then Shanghai.
const CONTACTS = [
  contact('tokyo', 'Asia/Tokyo', '09:00', '18:00'),
  contact('berlin', 'Europe/Berlin', '09:00', '17:00'),
  contact('shanghai', 'Asia/Shanghai', '09:00', '18:00'),
];

describe('nextEscalation', () => {
  it.each([
    // at (UTC), tried, expected index (null: the round is over), out of hours
    ['Mon 10:00 Tokyo: the first contact', '2025-12-01T01:00:00Z', [], 0, false],
    ['Mon 09:00 Tokyo exactly: start is inclusive', '2025-12-01T00:00:00Z', [], 0, false],
    [
      'Mon 18:00 Tokyo exactly: end is exclusive, Berlin 10:00 is next',
      '2025-12-01T09:00:00Z',
      [],
      1,
      false,
    ],
    ['Mon 18:30 Tokyo (off), Berlin 10:30', '2025-12-01T09:30:00Z', [], 1, false],
    [
      'Tokyo tried; Berlin 03:00 off: skipped; Shanghai 10:00',
      '2025-12-01T02:00:00Z',
      [0],
      2,
      false,
    ],
    ['winter: Berlin 08:30 (UTC+1) is off', '2025-12-01T07:30:00Z', [0], 2, false],
    ['summer: Berlin 09:30 (UTC+2, daylight saving) is on', '2025-07-07T07:30:00Z', [0], 1, false],
    ['Saturday: nobody in hours, the first contact anyway', '2025-12-06T02:00:00Z', [], 0, true],
    [
      'Saturday, the first contact tried: the round is over',
      '2025-12-06T02:00:00Z',
      [0],
      null,
      false,
    ],
    ['Sun 23:30 UTC is Monday 08:30 in Tokyo: nobody yet', '2025-11-30T23:30:00Z', [], 0, true],
    ['Fri 17:30 Berlin, Sat 01:30 Tokyo: everyone off', '2025-12-05T16:30:00Z', [], 0, true],
    ['everyone tried', '2025-12-01T02:00:00Z', [0, 1, 2], null, false],
  ])('%s', (_case, at, tried, index, outOfHours) => {
    const step = nextEscalation(CONTACTS, new Date(at), new Set(tried));
    expect(step?.index ?? null).toBe(index);
    if (step) {
      expect(step.contact).toBe(CONTACTS[step.index]);
      expect(step.outOfHours).toBe(outOfHours);
      expect(step.ackDueAt.getTime() - new Date(at).getTime()).toBe(15 * 60_000);
    }
  });

  it('waits the given acknowledgement minutes', () => {
    const at = new Date('2025-12-01T01:00:00Z');
    expect(nextEscalation(CONTACTS, at, new Set(), 40)?.ackDueAt.toISOString()).toBe(
      '2025-12-01T01:40:00.000Z',
    );
  });

  it('has nobody to call without contacts', () => {
    expect(nextEscalation([], new Date('2025-12-01T01:00:00Z'), new Set())).toBeNull();
  });
});

describe('inWorkingHours', () => {
  it.each([
    ['Asia/Tokyo', '2025-12-01T08:59:00Z', true],
    ['Asia/Tokyo', '2025-12-01T09:00:00Z', false],
    ['Europe/Berlin', '2025-12-01T15:59:00Z', true],
    ['Europe/Berlin', '2025-12-01T16:00:00Z', false],
    ['Europe/Berlin', '2025-12-07T10:00:00Z', false],
  ])('%s at %s: %s', (zone, at, expected) => {
    const end = zone === 'Asia/Tokyo' ? '18:00' : '17:00';
    expect(inWorkingHours({ days: weekdays, start: '09:00', end }, zone, new Date(at))).toBe(
      expected,
    );
  });
});
