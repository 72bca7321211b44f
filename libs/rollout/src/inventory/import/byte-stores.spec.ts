import { storeInt16, storeInt32, storeUtf8 } from './byte-stores';

describe('byte stores', () => {
  test("integers come out as writeInt16BE and writeInt32BE write them, negatives in two's complement", () => {
    const int16s = [0, 1, 12, 255, 256, 0x1234, 0x7fff, -1, -2, -0x8000];
    const int32s = [
      ...int16s,
      0x10000,
      0x123456,
      0x1000000,
      0x12345678,
      0x7fffffff,
      -0x10000,
      -0x80000000,
    ];
    for (const value of int16s) {
      const expected = Buffer.alloc(4, 0xaa);
      expected.writeInt16BE(value, 1);
      const actual = Buffer.alloc(4, 0xaa);
      storeInt16(actual, 1, value);
      expect(actual.toString('hex')).toBe(expected.toString('hex'));
    }
    for (const value of int32s) {
      const expected = Buffer.alloc(6, 0xaa);
      expected.writeInt32BE(value, 1);
      const actual = Buffer.alloc(6, 0xaa);
      storeInt32(actual, 1, value);
      expect(actual.toString('hex')).toBe(expected.toString('hex'));
    }
  });

  test.each([
    '',
    'JP',
    'host-0000001.corp.example',
    'x'.repeat(33),
    'é',
    'abcé',
    '東京本社',
    'a😀',
    'x\ud800',
    'é'.repeat(40),
  ])('storeUtf8 writes %j as Buffer.from does and touches nothing after it', (value) => {
    const expected = Buffer.from(value, 'utf8');
    const target = Buffer.alloc(2 + value.length * 3 + 2, 0xaa);
    const length = storeUtf8(target, 2, value);
    expect(length).toBe(expected.length);
    expect(target.subarray(2, 2 + length).toString('hex')).toBe(expected.toString('hex'));
    expect(target.subarray(0, 2).toString('hex')).toBe('aaaa');
    expect(target.subarray(2 + length).every((byte) => byte === 0xaa)).toBe(true);
  });
});
