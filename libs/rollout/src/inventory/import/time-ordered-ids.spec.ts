import { TimeOrderedIds } from './time-ordered-ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('TimeOrderedIds (UUIDv7)', () => {
  test('every id is a version-7, RFC 9562 variant UUID, and ids are distinct', () => {
    const ids = new TimeOrderedIds();
    const made = Array.from({ length: 3000 }, () => ids.id());
    for (const id of made) expect(id).toMatch(UUID_V7);
    expect(new Set(made).size).toBe(made.length);
  });

  test.each([
    [0, '00000000-0000'],
    [1_764_940_000_000, '019aee9f-2b00'],
    [2 ** 48 - 1, 'ffffffff-ffff'],
  ])('the first 48 bits are the millisecond timestamp %d', (ms, prefix) => {
    expect(new TimeOrderedIds(() => ms).id().slice(0, 13)).toBe(prefix);
  });

  test('ids from later milliseconds sort after earlier ones', () => {
    let ms = 1_764_940_000_000;
    const ids = new TimeOrderedIds(() => ms);
    const made: string[] = [];
    for (let i = 0; i < 2000; i += 1) {
      ms += 1;
      made.push(ids.id());
    }
    expect([...made].sort()).toEqual(made);
  });

  test("ids made within one millisecond sort in the order they were made, past the counter's 4096", () => {
    const ms = 1_764_940_000_000;
    const ids = new TimeOrderedIds(() => ms);
    const made = Array.from({ length: 10_000 }, () => ids.id());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    for (const id of made) expect(id).toMatch(UUID_V7);
    expect(made[0].slice(0, 13)).toBe('019aee9f-2b00');
    expect(made[4096].slice(0, 13)).toBe('019aee9f-2b01');
  });
});

describe('TimeOrderedIds.writeTo', () => {
  test('writes the 16 bytes of a version-7 id where it is told, leaving the bytes around it alone', () => {
    const ids = new TimeOrderedIds(() => 1_764_940_000_000);
    const target = Buffer.alloc(20, 0xee);
    ids.writeTo(target, 2);
    expect(target.subarray(0, 2)).toEqual(Buffer.from([0xee, 0xee]));
    expect(target.subarray(18)).toEqual(Buffer.from([0xee, 0xee]));
    const hex = target.toString('hex', 2, 18);
    const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    expect(text).toMatch(UUID_V7);
    expect(text.slice(0, 13)).toBe('019aee9f-2b00');
  });
});
