import { malformedStrings } from './validation-pipe';

describe('malformedStrings', () => {
  it('names every field holding a lone surrogate, nested and in arrays', () => {
    expect(malformedStrings({ email: '\uD800', ok: '𝕳 東京', list: ['fine', 'bad\uDC00'], nested: { deep: 'x\uDBFFy' } })).toEqual([
      'email',
      'list[1]',
      'nested.deep',
    ]);
  });

  it('accepts well-formed text, including surrogate pairs and other types', () => {
    expect(malformedStrings({ emoji: '👩‍👩‍👧‍👦', n: 1, b: true, none: null, jp: 'サーバー' })).toEqual([]);
  });
});
