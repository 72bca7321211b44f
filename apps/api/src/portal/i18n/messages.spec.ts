import { LANGUAGES } from '@app/identity';
import { CATALOGS, flattenMessages } from './messages';

describe('portal message catalogs', () => {
  const keys = (language: (typeof LANGUAGES)[number]): string[] =>
    [...flattenMessages(CATALOGS[language]).keys()].sort();

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (language) => {
    expect(keys(language)).toEqual(keys('en'));
  });

  it.each([...LANGUAGES])('%s has no empty messages', (language) => {
    const empty = [...flattenMessages(CATALOGS[language])].filter(([, text]) => !text.trim());
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s uses the same placeholders as en',
    (language) => {
      const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();
      const english = flattenMessages(CATALOGS.en);
      for (const [key, text] of flattenMessages(CATALOGS[language])) {
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(english.get(key) ?? ''),
        });
      }
    },
  );

  it('translates rather than copies English', () => {
    expect(flattenMessages(CATALOGS.ja).get('login.title')).toBe('ログイン');
    expect(flattenMessages(CATALOGS.zh).get('login.title')).toBe('登录');
  });
});
