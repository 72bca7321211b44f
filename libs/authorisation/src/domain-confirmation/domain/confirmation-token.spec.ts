import { randomBytes } from 'node:crypto';
import { hashToken } from '@app/identity';
import {
  isWellFormedToken,
  newReferenceCode,
  REFERENCE_CODE_PATTERN,
  tokenProblem,
} from './confirmation-token';

const NOW = new Date('2027-01-10T00:00:00Z');
const LATER = new Date('2027-01-12T00:00:00Z');
const EARLIER = new Date('2027-01-09T00:00:00Z');
const token = {
  subjectType: 'domain_confirmation',
  subjectId: 'c1',
  recipient: 'Security@Sakura.example',
  expiresAt: LATER,
  usedAt: null,
};
const confirmation = {
  id: 'c1',
  recipient: 'security@sakura.example',
  status: 'sent',
  expiresAt: LATER,
};

describe('tokenProblem', () => {
  it.each([
    ['a live token bound to its request and recipient', {}, {}, null],
    ['a used token', { usedAt: EARLIER }, {}, 'used'],
    ['an expired token', { expiresAt: EARLIER }, {}, 'expired'],
    ['a token expiring exactly now', { expiresAt: NOW }, {}, 'expired'],
    ['an expired request', {}, { expiresAt: EARLIER }, 'expired'],
    ['a token of another request', { subjectId: 'c2' }, {}, 'unbound'],
    ['a token of another kind of subject', { subjectType: 'user' }, {}, 'unbound'],
    ['a token issued to another recipient', { recipient: 'it-jp@sakura.example' }, {}, 'unbound'],
    ['a superseded request', {}, { status: 'superseded' }, 'closed'],
    ['a request already decided', {}, { status: 'confirmed' }, 'closed'],
  ])('%s', (_name, tokenChange, confirmationChange, expected) => {
    expect(
      tokenProblem({ ...token, ...tokenChange }, { ...confirmation, ...confirmationChange }, NOW),
    ).toBe(expected);
  });
});

describe('tokens and reference codes', () => {
  it('accepts exactly the shape of 256 random bits in base64url', () => {
    expect(isWellFormedToken(randomBytes(32).toString('base64url'))).toBe(true);
    expect(isWellFormedToken(randomBytes(16).toString('base64url'))).toBe(false);
    expect(isWellFormedToken(`${randomBytes(32).toString('base64url').slice(0, 42)}=`)).toBe(false);
    expect(isWellFormedToken('')).toBe(false);
  });

  it('stores a token only as its SHA-256, which differs for a one-character change', () => {
    const t = randomBytes(32).toString('base64url');
    const tampered = `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`;
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
    expect(hashToken(tampered)).not.toBe(hashToken(t));
  });

  it('makes reference codes the reply matcher finds', () => {
    const codes = new Set(Array.from({ length: 50 }, () => newReferenceCode()));
    expect(codes.size).toBe(50);
    for (const code of codes)
      expect(`Re: x (${code})`.match(REFERENCE_CODE_PATTERN)).toEqual([code]);
  });
});
