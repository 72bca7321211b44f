import { ValidationException } from './domain-exception';
import { refuseUnrepresentable, unrepresentableFields } from './unrepresentable-input';

describe('unrepresentableFields', () => {
  it('names every field holding a lone surrogate, nested and in arrays', () => {
    const fields = unrepresentableFields({
      email: '\uD800',
      ok: '𝕳 東京',
      list: ['fine', 'bad\uDC00'],
      nested: { deep: 'x\uDBFFy' },
    });
    expect(fields.map((f) => f.field)).toEqual(['email', 'list[1]', 'nested.deep']);
    expect(fields[0].reason).toMatch(/unpaired surrogate/);
  });

  it('names every field holding a NUL, and keys that hold one', () => {
    const fields = unrepresentableFields({
      reason: 'a\u0000b',
      content: { 'k\u0000': 'v', items: [{ name: '\u0000' }] },
    });
    expect(fields).toEqual([
      { field: 'reason', reason: expect.stringMatching(/NUL character/) },
      {
        field: 'content.k\\u0000',
        reason: expect.stringMatching(/^has a name that contains a NUL/),
      },
      { field: 'content.items[0].name', reason: expect.stringMatching(/NUL character/) },
    ]);
  });

  it('accepts well-formed text, including surrogate pairs, other control characters and other types', () => {
    expect(
      unrepresentableFields({
        emoji: '👩‍👩‍👧‍👦',
        n: 1,
        b: true,
        none: null,
        jp: 'サーバー',
        tab: 'a\tb\u0001',
      }),
    ).toEqual([]);
    expect(unrepresentableFields(Buffer.from([0, 0, 0]))).toEqual([]);
  });

  it('reports at most 20 fields', () => {
    expect(unrepresentableFields(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(20);
  });
});

describe('refuseUnrepresentable', () => {
  it('throws one 400 over every part (path parameters, query, body)', () => {
    expect(() => refuseUnrepresentable({ id: 'x' }, { q: 'a\u0000b' }, undefined)).toThrow(
      ValidationException,
    );
    expect(() => refuseUnrepresentable({ id: 'x' }, {}, 'plain body')).not.toThrow();
  });
});
