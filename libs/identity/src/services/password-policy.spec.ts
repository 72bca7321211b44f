import { randomBytes } from 'node:crypto';
import { ValidationException } from '@app/platform';
import { PasswordPolicy, PasswordRefusedException, personalWords } from './password-policy';

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it.each([
    ['aaaaaaaaaaaa', 'predictable'],
    ['abcdefghijklmn', 'predictable'],
    ['zyxwvutsrqponm', 'predictable'],
    ['qwertyuiopasdf', 'common'],
    ['password1234', 'common'],
    ['Password123!', 'common'],
    ['iloveyou2026', 'common'],
    ['short', 'too_short'],
    ['x'.repeat(201), 'too_long'],
  ])('refuses %j as %s', (password, problem) => {
    expect(policy.problemWith(password)).toBe(problem);
  });

  it('refuses a password built on the person’s own name or address', () => {
    const personal = personalWords({
      email: 'hanako.sato@sakura.example',
      displayName: '佐藤 花子 Hanako Sato',
    });
    expect(personal).toEqual(
      expect.arrayContaining(['hanako.sato@sakura.example', 'hanako', 'sato', 'sakura']),
    );
    expect(policy.problemWith('hanako.sato@sakura.example', personal)).toBe('personal');
    expect(policy.problemWith('My-hanako.sato-2026!', personal)).toBe('personal');
  });

  it.each([
    'correct horse battery staple',
    'Umbrella-Quartz-Lantern-42',
    'mint tiger walks under 9 bridges',
  ])('accepts a long phrase or a mixed password: %j', (password) => {
    expect(policy.problemWith(password)).toBeNull();
  });

  it('accepts the kind of password the demo generates, every time', () => {
    for (let i = 0; i < 200; i += 1)
      expect(policy.problemWith(randomBytes(12).toString('base64url'))).toBeNull();
  });

  it('throws a 400 naming the field with the reason', () => {
    let thrown: unknown;
    try {
      policy.assertAcceptable('password1234', [], 'newPassword');
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationException);
    expect(thrown).toBeInstanceOf(PasswordRefusedException);
    expect((thrown as PasswordRefusedException).problem).toBe('common');
    expect((thrown as ValidationException).fields).toEqual([
      { field: 'newPassword', reason: expect.stringMatching(/common or breached/) },
    ]);
  });
});
