import { chooseLanguage, htmlLang, languageFromAcceptHeader } from './choose-language';

describe('languageFromAcceptHeader', () => {
  it('picks the best supported language by quality', () => {
    expect(languageFromAcceptHeader('fr-FR,fr;q=0.9,zh-CN;q=0.8,ja;q=0.7')).toBe('zh');
    expect(languageFromAcceptHeader('en;q=0.5, ja-JP')).toBe('ja');
  });

  it('keeps header order between equal qualities', () => {
    expect(languageFromAcceptHeader('ja, en')).toBe('ja');
  });

  it('ignores q=0 and unsupported languages', () => {
    expect(languageFromAcceptHeader('ja;q=0, de')).toBeNull();
    expect(languageFromAcceptHeader(undefined)).toBeNull();
    expect(languageFromAcceptHeader('*')).toBeNull();
  });
});

describe('chooseLanguage', () => {
  it('prefers the session, then the user, then the browser, then English', () => {
    expect(chooseLanguage({ session: 'zh', user: 'ja', acceptLanguage: 'en' })).toBe('zh');
    expect(chooseLanguage({ session: undefined, user: 'ja', acceptLanguage: 'en' })).toBe('ja');
    expect(chooseLanguage({ user: null, acceptLanguage: 'zh-TW,zh;q=0.9' })).toBe('zh');
    expect(chooseLanguage({})).toBe('en');
  });

  it('ignores a session value that is not a supported language', () => {
    expect(chooseLanguage({ session: 'xx', user: 'ja' })).toBe('ja');
  });
});

describe('htmlLang', () => {
  it('marks the Chinese as Simplified', () => {
    expect(htmlLang('zh')).toBe('zh-Hans');
    expect(htmlLang('ja')).toBe('ja');
  });
});
