import { HostnameIndex } from './hostname-index';

/** The plain way: a Map of lower-cased names. */
function reference(names: string[]): (number | undefined)[] {
  const seen = new Map<string, number>();
  return names.map((name, i) => {
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i + 1);
    return first;
  });
}

function indexed(names: string[], index: HostnameIndex): (number | undefined)[] {
  return names.map((name, i) => index.add(name, i + 1));
}

describe('HostnameIndex (case-insensitive hostnames, first line of each)', () => {
  it('returns the first line of a repeat, in any case, and records the first only', () => {
    const index = new HostnameIndex();
    expect(index.add('TKY-PC-001', 2)).toBeUndefined();
    expect(index.add('tky-pc-001', 5)).toBe(2);
    expect(index.add('Tky-Pc-001', 9)).toBe(2);
    expect(index.add('tky-pc-0010', 10)).toBeUndefined();
    expect(index.add('tky-pc-00', 11)).toBeUndefined();
    expect(index.add('TKY-PC-00', 12)).toBe(11);
    expect(index.size).toBe(3);
  });

  it('keeps names apart that differ in one character, length or case-insensitively only', () => {
    const names = [
      'a',
      'A',
      'b',
      'ab',
      'aB',
      'ba',
      'a_b',
      'a-b',
      'a.b',
      'Z',
      'z',
      '[',
      '{',
      '@',
      '`',
    ];
    expect(indexed(names, new HostnameIndex())).toEqual(reference(names));
  });

  it.each([
    ['every hash equal', 0],
    ['two hash values', 1],
    ['sixteen hash values', 0xf],
  ])('is exact when hashes collide (%s)', (_name, mask) => {
    const names = Array.from({ length: 600 }, (_, i) =>
      i % 3 === 0 ? `HOST-${i % 200}` : `host-${i % 250}.x`,
    );
    expect(indexed(names, new HostnameIndex(4, mask))).toEqual(reference(names));
  });

  it('grows (slots, entries and bytes) from a tiny start and still finds every name', () => {
    const index = new HostnameIndex(2);
    const names = Array.from({ length: 20_000 }, (_, i) =>
      `h${i.toString(36)}-${'x'.repeat(i % 253)}`.slice(0, 253),
    );
    expect(indexed(names, index)).toEqual(names.map(() => undefined));
    expect(index.size).toBe(names.length);
    expect(names.map((name) => index.add(name.toUpperCase(), 0))).toEqual(
      names.map((_, i) => i + 1),
    );
    expect(index.size).toBe(names.length);
  });

  it('keeps apart names whose full 32-bit hashes are equal', () => {
    // Found by search: each pair hashes alike (FNV-1a, then the finaliser).
    const index = new HostnameIndex();
    expect(
      indexed(
        ['host-23zx', 'HOST-DPAD', 'host-dpad', 'Host-23ZX', 'host-23zy', 'host-dpae'],
        index,
      ),
    ).toEqual([undefined, undefined, 2, 1, undefined, undefined]);
  });

  it('reports no false repeats among 200,000 distinct names', () => {
    const index = new HostnameIndex();
    let repeats = 0;
    for (let i = 0; i < 200_000; i += 1)
      if (index.add(`host-${String(i).padStart(7, '0')}.corp.example`, i + 2) !== undefined)
        repeats += 1;
    expect(repeats).toBe(0);
    expect(index.add('HOST-0123456.CORP.EXAMPLE', 1)).toBe(123458);
  });

  it('refuses non-ASCII names (the validator never lets them through)', () => {
    expect(() => new HostnameIndex().add('hôte', 1)).toThrow(RangeError);
  });
});
