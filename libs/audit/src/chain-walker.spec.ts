import { auditHash, GENESIS_HASH } from './audit-hash';
import { ChainWalker, WalkedRecord } from './chain-walker';

function chain(length: number): WalkedRecord[] {
  const records: WalkedRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i += 1) {
    const fields = {
      chain: 'engagement:e',
      chainSeq: String(i),
      occurredAt: new Date(Date.UTC(2026, 10, 2, 3, 0, i)),
      actorUserId: null,
      actorOrganisationId: null,
      actorIp: null,
      actorUserAgent: null,
      action: 'thing.changed',
      subjectType: 'thing',
      subjectId: String(i),
      organisationId: null,
      engagementId: 'e',
      changes: { i },
      prevHash,
    };
    const hash = auditHash(fields);
    records.push({ ...fields, seq: String(100 + i * 3), hash });
    prevHash = hash;
  }
  return records;
}

const walk = (
  records: WalkedRecord[],
  head = { seq: String(records.length), hash: records[records.length - 1].hash },
) => {
  const walker = new ChainWalker('engagement:e');
  for (const record of records) {
    const problem = walker.accept(record);
    if (problem) return problem;
  }
  return walker.finish(head);
};

describe('ChainWalker', () => {
  it('accepts a whole chain whatever its global seq', () => {
    expect(walk(chain(5))).toBeNull();
  });

  it('names a missing, an inserted, an altered record and a cut end', () => {
    const records = chain(5);
    expect(walk([records[0], records[2], records[3], records[4]])).toMatchObject({
      kind: 'missing',
      chainSeq: '2',
    });
    expect(walk([records[0], { ...records[2], chainSeq: '2' }, ...records.slice(2)])).toMatchObject(
      { kind: 'inserted', chainSeq: '2' },
    );
    expect(
      walk([records[0], { ...records[1], action: 'forged' }, ...records.slice(2)]),
    ).toMatchObject({ kind: 'altered', chainSeq: '2' });
    expect(walk(records.slice(0, 4), { seq: '5', hash: records[4].hash })).toMatchObject({
      kind: 'truncated',
      chainSeq: '4',
    });
  });
});
