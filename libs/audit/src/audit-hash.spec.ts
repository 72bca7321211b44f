import { auditHash, GENESIS_HASH, HashedFields } from './audit-hash';
import { canonicalJson } from './canonical-json';

const base: HashedFields = {
  chain: 'platform',
  chainSeq: '1',
  occurredAt: new Date('2026-11-26T00:00:00.000Z'),
  actorUserId: null,
  actorOrganisationId: null,
  actorIp: '127.0.0.1',
  actorUserAgent: 'jest',
  action: 'organisation.created',
  subjectType: 'organisation',
  subjectId: 'abc',
  organisationId: null,
  engagementId: null,
  changes: { name: 'A', tags: ['x'] },
  prevHash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth so equal content has one form', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe('auditHash', () => {
  it('is stable under key order and changes with any field or the previous hash', () => {
    const hash = auditHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...base, changes: { tags: ['x'], name: 'A' } })).toBe(hash);
    expect(auditHash({ ...base, changes: { name: 'B', tags: ['x'] } })).not.toBe(hash);
    expect(auditHash({ ...base, actorIp: '10.0.0.1' })).not.toBe(hash);
    expect(auditHash({ ...base, prevHash: 'f'.repeat(64) })).not.toBe(hash);
    expect(auditHash({ ...base, chainSeq: '2' })).not.toBe(hash);
    expect(auditHash({ ...base, chain: 'engagement:x' })).not.toBe(hash);
  });
});
