import { ID_LENGTH, TimeOrderedIds } from './time-ordered-ids';

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
});

describe('TimeOrderedIds.write (the text straight into bytes)', () => {
  test('writes the same form as id(), distinct ids, and returns the offset after it', () => {
    const ms = 1_764_940_000_000;
    const ids = new TimeOrderedIds(() => ms);
    const target = Buffer.alloc(2 + ID_LENGTH * 2000);
    let at = 2;
    for (let i = 0; i < 2000; i += 1) at = ids.write(target, at);
    expect(at).toBe(target.length);
    const made = target.toString('latin1', 2).match(/.{36}/g) ?? [];
    for (const id of made) {
      expect(id).toMatch(UUID_V7);
      expect(id.slice(0, 13)).toBe(new TimeOrderedIds(() => ms).id().slice(0, 13));
    }
    expect(new Set(made).size).toBe(2000);
  });
});
