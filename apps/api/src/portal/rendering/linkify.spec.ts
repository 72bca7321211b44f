import { linkify } from './linkify';

describe('linkify', () => {
  it('escapes everything that is not a link', () => {
    expect(linkify('<script>alert("x")</script> & more')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more',
    );
  });

  it('turns http(s) URLs into anchors, escaped inside the attribute', () => {
    expect(linkify('Open https://portal.example/set-password?token=a&b=1 now')).toBe(
      'Open <a href="https://portal.example/set-password?token&#x3D;a&amp;b&#x3D;1" ' +
        'rel="noopener noreferrer">' +
        'https://portal.example/set-password?token&#x3D;a&amp;b&#x3D;1</a> now',
    );
  });

  it('leaves sentence punctuation and following CJK text outside the link', () => {
    expect(linkify('See http://x.example/a.')).toBe(
      'See <a href="http://x.example/a" rel="noopener noreferrer">http://x.example/a</a>.',
    );
    expect(linkify('http://x.example/aこちら')).toBe(
      '<a href="http://x.example/a" rel="noopener noreferrer">http://x.example/a</a>こちら',
    );
  });

  it('never links other schemes', () => {
    expect(linkify('javascript:alert(1)')).toBe('javascript:alert(1)');
  });
});
