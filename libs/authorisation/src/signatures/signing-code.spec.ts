import {
  CODE_MAX_ATTEMPTS,
  CodeState,
  hashSigningCode,
  judgeCode,
  newSigningCode,
} from './signing-code';

const SECRET = 'a-server-secret-of-enough-length-000000';
const REQUEST = '0b5e0a4e-1111-4222-8333-944445555666';
const NOW = new Date('2027-01-01T00:00:00Z');
const LATER = new Date(NOW.getTime() + 60_000);
const right = hashSigningCode(SECRET, REQUEST, '123456');
const wrong = hashSigningCode(SECRET, REQUEST, '654321');

describe('signing codes', () => {
  it('are six digits', () => {
    for (let i = 0; i < 200; i += 1) expect(newSigningCode()).toMatch(/^\d{6}$/);
  });

  it('hash per request and secret, ignoring surrounding spaces', () => {
    expect(hashSigningCode(SECRET, REQUEST, ' 123456 ')).toBe(right);
    expect(hashSigningCode(SECRET, '0b5e0a4e-1111-4222-8333-000000000000', '123456')).not.toBe(
      right,
    );
    expect(hashSigningCode(`${SECRET}x`, REQUEST, '123456')).not.toBe(right);
  });

  const live = (attempts: number): CodeState => ({
    codeHash: right,
    codeExpiresAt: LATER,
    codeAttempts: attempts,
  });
  it.each<[string, CodeState, string, Date, object]>([
    ['the right code', live(0), right, NOW, { outcome: 'ok' }],
    ['the right code after wrong ones', live(4), right, NOW, { outcome: 'ok' }],
    [
      'a first wrong code',
      live(0),
      wrong,
      NOW,
      { outcome: 'wrong', attempts: 1, remaining: 4, dead: false },
    ],
    [
      'the fifth wrong code kills it',
      live(4),
      wrong,
      NOW,
      { outcome: 'wrong', attempts: 5, remaining: 0, dead: true },
    ],
    ['a used-up code, even right', live(CODE_MAX_ATTEMPTS), right, NOW, { outcome: 'none' }],
    [
      'no code sent',
      { codeHash: null, codeExpiresAt: null, codeAttempts: 0 },
      right,
      NOW,
      { outcome: 'none' },
    ],
    ['an expired code, even right', live(0), right, LATER, { outcome: 'expired' }],
  ])('%s', (_name, state, entered, now, verdict) => {
    expect(judgeCode(state, entered, now)).toEqual(verdict);
  });
});
