import { canonicalJson } from './canonical-json';
import { withheldContentSha256, withholdChanges } from './internal-changes';

describe('internal audit changes', () => {
  const changes = { bodySha256: 'a'.repeat(64), mentions: ['u1'], fileName: 'notes.txt' };

  it('chains the visibility and a SHA-256 only, nothing of the changes', () => {
    const { chained } = withholdChanges(changes);
    expect(Object.keys(chained).sort()).toEqual(['contentSha256', 'visibility']);
    expect(chained.visibility).toBe('internal');
    expect(canonicalJson(chained)).not.toMatch(/notes\.txt|u1|a{64}/);
  });

  it('withholds the changes with a salt whose SHA-256 is the chained one', () => {
    const { chained, withheld } = withholdChanges(changes);
    expect(withheld.changes).toEqual(changes);
    expect(withheld.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(withheldContentSha256(withheld)).toBe(chained.contentSha256);
    expect(withheldContentSha256({ ...withheld, changes: { ...changes, mentions: [] } })).not.toBe(
      chained.contentSha256,
    );
  });

  it('salts each record, so the same content cannot be confirmed by hashing a guess', () => {
    expect(withholdChanges(changes).chained.contentSha256).not.toBe(
      withholdChanges(changes).chained.contentSha256,
    );
  });
});
