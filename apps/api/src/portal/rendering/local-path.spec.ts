import { isLocalPath, localPathOr } from './local-path';

describe('isLocalPath', () => {
  it.each(['/', '/login', '/set-password?token=abc', '/a/b#c'])('accepts %s', (path) => {
    expect(isLocalPath(path)).toBe(true);
  });

  it.each([
    '',
    'login',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/a\\b',
    '/a\r\nSet-Cookie: x=1',
    'javascript:alert(1)',
    null,
    42,
  ])('refuses %p', (path) => {
    expect(isLocalPath(path)).toBe(false);
  });

  it('falls back for anything else', () => {
    expect(localPathOr('//evil.example', '/')).toBe('/');
    expect(localPathOr('/mailbox', '/')).toBe('/mailbox');
  });
});
