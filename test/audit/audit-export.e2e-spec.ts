import { auditHash, canonicalJson, ExportedAuditRecord, GENESIS_HASH } from '@app/audit';
import { createSakuraOnboarding, sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { parseCsv } from './support/audit-export-reading';

type Exported = ExportedAuditRecord;

/** What an auditor does: the record's hash from its exported fields (audit-hash.ts). */
const rehash = (content: Omit<Exported, 'hash'>): string =>
  auditHash({ ...content, occurredAt: new Date(content.occurredAt) });

const nullable = (value: string): string | null => (value === '' ? null : value);

// The per-engagement audit export: every record of the engagement in chain order, with the hash
// fields as stored, so an auditor can recompute each hash; only the engagement's coordinators
// and the customer's security lead may take it, and another tenant's engagement is 404.
describe('audit export per engagement', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakura: string;
  let northwind: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakura = await sakuraEngagementId(t, tokens);
    await createSakuraOnboarding(t, tokens, '2027-06-01');
    const engagements = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    northwind = engagements.body.items.find(
      (e: { customerName: string }) => e.customerName === 'Northwind Retail',
    ).id;
  });
  afterAll(() => t?.close());

  const exportAs = async (email: string, format: 'json' | 'csv', engagement = sakura) =>
    t
      .http()
      .get(`/api/engagements/${engagement}/audit-export?format=${format}`)
      .set('Authorization', await tokens.for(email));

  it('exports every record of the engagement as JSON in chain order, each hash recomputable', async () => {
    const response = await exportAs('security@sakura.example', 'json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const body = JSON.parse(response.text) as { engagementId: string; records: Exported[] };
    expect(body.engagementId).toBe(sakura);
    const stored: { seq: string; chain_seq: string }[] = await t.dataSource.query(
      'SELECT seq::text, chain_seq::text FROM audit_record WHERE engagement_id = $1 ORDER BY chain_seq',
      [sakura],
    );
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(body.records.map((r) => r.seq)).toEqual(stored.map((r) => r.seq));
    expect(body.records.map((r) => r.action)).toEqual(
      expect.arrayContaining(['engagement.created', 'onboarding.created']),
    );
    // The engagement's own chain: contiguous from #1, each record linked to the one before it.
    let previous = GENESIS_HASH;
    for (const [index, record] of body.records.entries()) {
      expect(record.engagementId).toBe(sakura);
      expect(record.chain).toBe(`engagement:${sakura}`);
      expect(record.chainSeq).toBe(String(index + 1));
      expect(record.prevHash).toBe(previous);
      const { hash, ...content } = record;
      expect(rehash(content)).toBe(hash);
      previous = hash;
    }
  });

  it('detects a changed record: its recomputed hash no longer matches', async () => {
    const body = JSON.parse((await exportAs('am@mdr.example', 'json')).text) as {
      records: Exported[];
    };
    const { hash, ...content } = body.records[0];
    expect(rehash(content)).toBe(hash);
    expect(rehash({ ...content, action: `${content.action}.tampered` })).not.toBe(hash);
  });

  it('exports the same records as CSV, with the canonical changes, and they re-verify', async () => {
    const json = JSON.parse((await exportAs('lead@mdr.example', 'json')).text) as {
      records: Exported[];
    };
    const response = await exportAs('lead@mdr.example', 'csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = parseCsv(response.text);
    expect(header).toEqual([
      'seq',
      'occurred_at',
      'actor_user_id',
      'actor_organisation_id',
      'actor_ip',
      'actor_user_agent',
      'action',
      'subject_type',
      'subject_id',
      'organisation_id',
      'engagement_id',
      'changes',
      'prev_hash',
      'hash',
      'chain',
      'chain_seq',
      'withheld',
    ]);
    expect(rows.map((r) => r[0])).toEqual(json.records.map((r) => r.seq));
    for (const [i, r] of rows.entries()) {
      expect(r[11]).toBe(canonicalJson(json.records[i].changes));
      const content = {
        seq: r[0],
        occurredAt: r[1],
        actorUserId: nullable(r[2]),
        actorOrganisationId: nullable(r[3]),
        actorIp: nullable(r[4]),
        actorUserAgent: nullable(r[5]),
        action: r[6],
        subjectType: r[7],
        subjectId: r[8],
        organisationId: nullable(r[9]),
        engagementId: nullable(r[10]),
        changes: JSON.parse(r[11]) as Record<string, unknown>,
        prevHash: r[12],
        chain: r[14],
        chainSeq: r[15],
      };
      expect(rehash(content)).toBe(r[13]);
    }
  });

  it.each(['analyst@mdr.example', 'it-jp@sakura.example'])(
    'refuses %s (403): may see the engagement but not export it',
    async (email) => {
      const response = await exportAs(email, 'json');
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('"records"');
    },
  );

  it('answers 404 for another tenant’s engagement and leaks nothing', async () => {
    const response = await exportAs('security@northwind.example', 'csv');
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('Sakura');
    // Northwind's own security lead exports Northwind's log, with none of Sakura's records.
    const own = JSON.parse(
      (await exportAs('security@northwind.example', 'json', northwind)).text,
    ) as { records: Exported[] };
    expect(own.records.length).toBeGreaterThan(0);
    expect(own.records.every((r) => r.engagementId === northwind)).toBe(true);
    await t.http().get(`/api/engagements/${sakura}/audit-export`).expect(401);
    const bad = await t
      .http()
      .get(`/api/engagements/${sakura}/audit-export?format=xml`)
      .set('Authorization', await tokens.for('lead@mdr.example'));
    expect(bad.status).toBe(400);
  });
});
