import { translate } from './translate';

describe('translate', () => {
  it('looks a dotted key up in the language', () => {
    expect(translate('en', 'nav.home')).toBe('Home');
    expect(translate('ja', 'nav.home')).toBe('ホーム');
    expect(translate('zh', 'nav.home')).toBe('首页');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'home.welcome', { name: 'Ada' })).toBe('Welcome, Ada');
    expect(translate('en', 'home.welcome')).toBe('Welcome, {name}');
  });

  it('shows the key itself when no catalog has it', () => {
    expect(translate('ja', 'no.such.key')).toBe('no.such.key');
  });
});
