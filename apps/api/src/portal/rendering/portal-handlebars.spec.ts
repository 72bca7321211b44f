import { createPortalHandlebars } from './portal-handlebars';

describe('createPortalHandlebars', () => {
  const hbs = createPortalHandlebars();
  const render = (source: string, context: object): string => hbs.compile(source)(context);

  it('translates in the root context language, also inside loops', () => {
    const source = '{{t "nav.home"}}|{{#each items}}{{t "status" this}};{{/each}}';
    expect(render(source, { language: 'ja', items: ['onboarding', 'active'] })).toBe(
      'ホーム|導入中;サービス提供中;',
    );
  });

  it('remembers a plain message per language and key, not across them', () => {
    const source = '{{t "nav.home"}}';
    expect(render(source, { language: 'ja' })).toBe('ホーム');
    expect(render(source, { language: 'en' })).toBe('Home');
    expect(render(source, { language: 'ja' })).toBe('ホーム');
    // The same key with placeholders filled is never taken from what was remembered plain.
    expect(render('{{t "home.welcome"}}|{{t "home.welcome" name="Ada"}}', { language: 'en' })).toBe(
      'Welcome, {name}|Welcome, Ada',
    );
  });

  it('fills placeholders from the hash and escapes the result', () => {
    expect(render('{{t "home.welcome" name=n}}', { language: 'en', n: '<b>Ada</b>' })).toBe(
      'Welcome, &lt;b&gt;Ada&lt;/b&gt;',
    );
  });

  it('formats dates per language in UTC', () => {
    const at = new Date('2025-03-04T05:06:00Z');
    expect(render('{{formatDate at style="date"}}', { language: 'ja', at })).toBe('2025/03/04');
    expect(render('{{formatDate at}}', { language: 'en', at })).toBe('4 Mar 2025, 05:06 UTC');
    expect(render('{{isoDate at}}', { at })).toBe('2025-03-04T05:06:00.000Z');
  });

  it('links URLs in text without letting HTML through', () => {
    expect(render('{{linkify body}}', { body: '<i>x</i> https://a.example' })).toBe(
      '&lt;i&gt;x&lt;/i&gt; ' +
        '<a href="https://a.example" rel="noopener noreferrer">https://a.example</a>',
    );
  });
});
