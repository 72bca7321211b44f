import { catalogProblems } from './catalog-problems';
import { interpolate } from './interpolate';
import { messageCatalog } from './message-catalog';

const greetings = {
  ja: { greeting: { hello: '{name} 様', bye: 'さようなら' } },
  en: { greeting: { hello: 'Hello {name},', bye: 'Goodbye' } },
  zh: { greeting: { hello: '{name}，您好：', bye: '再见' } },
};
const roles = {
  ja: { roles: { lead: '責任者' } },
  en: { roles: { lead: 'Lead' } },
  zh: { roles: { lead: '负责人' } },
};

describe('messageCatalog', () => {
  const catalog = messageCatalog(greetings, roles);

  it('looks a dotted key up in the language and fills its placeholders', () => {
    expect(catalog.translate('ja', 'greeting.hello', { name: 'Aiko' })).toBe('Aiko 様');
    expect(catalog.translate('en', 'greeting.hello', { name: 'Ada' })).toBe('Hello Ada,');
    expect(catalog.translate('zh', 'roles.lead')).toBe('负责人');
  });

  it('leaves a placeholder without a parameter visible and shows an unknown key as itself', () => {
    expect(catalog.translate('en', 'greeting.hello')).toBe('Hello {name},');
    expect(catalog.translate('ja', 'no.such.key')).toBe('no.such.key');
  });

  it('falls back to English for a key one language lacks', () => {
    const gap = messageCatalog({ ...greetings, ja: { greeting: { hello: '{name} 様' } } });
    expect(gap.translate('ja', 'greeting.bye')).toBe('Goodbye');
  });

  it('gives one section as a record', () => {
    expect(catalog.section('en', 'greeting')).toEqual({ hello: 'Hello {name},', bye: 'Goodbye' });
  });

  it('keys the items of a list by their position, so a list one item short is a problem', () => {
    const lists = messageCatalog({
      ja: { scope: ['閲覧', '調査'] },
      en: { scope: ['View', 'Investigate'] },
      zh: { scope: ['查看'] },
    });
    expect(lists.translate('en', 'scope.1')).toBe('Investigate');
    expect(catalogProblems(lists)).toEqual(['zh: missing scope.1']);
  });

  it('refuses two parts defining the same section', () => {
    expect(() => messageCatalog(greetings, greetings)).toThrow(/"greeting" is defined twice/);
  });

  it('encodes parameters but not the message when asked to', () => {
    const escape = (value: string) => value.replace(/</g, '&lt;');
    expect(interpolate('<b>{x}</b>', { x: '<i>' }, escape)).toBe('<b>&lt;i></b>');
  });
});

describe('catalogProblems', () => {
  it('finds nothing wrong with a complete catalog', () => {
    expect(catalogProblems(messageCatalog(greetings, roles))).toEqual([]);
  });

  it('names a key missing in one language', () => {
    const gap = messageCatalog({ ...greetings, zh: { greeting: { hello: '{name}，您好：' } } });
    expect(catalogProblems(gap)).toEqual(['zh: missing greeting.bye']);
  });

  it('names a key only one language has', () => {
    const extra = messageCatalog({
      ...greetings,
      ja: { greeting: { ...greetings.ja.greeting, more: 'もっと' } },
    });
    expect(catalogProblems(extra)).toEqual([
      'en: missing greeting.more',
      'zh: missing greeting.more',
    ]);
  });

  it('names empty messages and placeholders that differ from English', () => {
    const wrong = messageCatalog({
      ...greetings,
      ja: { greeting: { hello: '{person} 様', bye: ' ' } },
    });
    expect(catalogProblems(wrong)).toEqual([
      'ja: empty greeting.bye',
      "ja: greeting.hello has placeholders other than en's",
    ]);
  });
});
