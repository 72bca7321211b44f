import { createHash } from 'node:crypto';
import { insertIncident } from '../incidents/support/insert-incident';
import { createSakuraOnboarding, sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';

const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const AM = 'am@mdr.example';
const CUSTOMER = 'security@sakura.example';
const IT = 'it-jp@sakura.example';
const NORTHWIND = 'security@northwind.example';
const MAX_BYTES = 2 * 1024 * 1024;

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A UTF-8 CSV of about `bytes` bytes: large enough to take several chunks. */
function bigCsv(bytes: number): Buffer {
  const rows: string[] = ['hostname,site,note\n'];
  let size = Buffer.byteLength(rows[0]);
  for (let i = 0; size < bytes; i += 1) {
    const row = `pc-${String(i).padStart(6, '0')},東京,証跡 ${i}\n`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  return Buffer.from(rows.join(''));
}

interface FileJson {
  id: string;
  subjectKind: string;
  visibility: 'internal' | 'shared';
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByName: string | null;
}

describe('evidence store: files on steps and incidents, checked, hashed, kept in PostgreSQL and audited', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakura: string;
  let onboardingId: string;
  let incidentId: string;
  let northwindIncidentId: string;
  let stepPath: string;
  let incidentPath: string;

  const bearers: Record<string, string> = {};
  const as = (email: string): string => bearers[email];
  const upload = (
    email: string,
    path: string,
    file: { name: string; bytes: Buffer },
    fields: Record<string, string> = {},
  ) => {
    const request = t.http().post(path).set('Authorization', as(email));
    for (const [name, value] of Object.entries(fields)) void request.field(name, value);
    return request.attach('file', file.bytes, file.name);
  };
  const list = (email: string, path: string) => t.http().get(path).set('Authorization', as(email));
  const download = (email: string, id: string) =>
    t
      .http()
      .get(`/api/evidence/${id}`)
      .set('Authorization', as(email))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  const stored = async (): Promise<{ files: number; chunks: number; audits: number }> => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM evidence_attachment) AS files,
              (SELECT count(*)::int FROM evidence_chunk) AS chunks,
              (SELECT count(*)::int FROM audit_record WHERE action = 'evidence.uploaded') AS audits`,
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true, env: { EVIDENCE_STORE_MAX_BYTES: String(MAX_BYTES) } });
    tokens = new Tokens(t);
    for (const email of [LEAD, ANALYST, AM, CUSTOMER, IT, NORTHWIND])
      bearers[email] = await tokens.for(email);
    sakura = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    const engagements = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', as(LEAD))
      .expect(200);
    const northwind = engagements.body.items.find(
      (e: { customerName: string }) => e.customerName === 'Northwind Retail',
    ).id;
    incidentId = await insertIncident(t, sakura, 'Suspicious PowerShell');
    northwindIncidentId = await insertIncident(t, northwind, 'Northwind incident');
    stepPath = `/api/onboardings/${onboardingId}/steps/service_agreement/evidence`;
    incidentPath = `/api/engagements/${sakura}/incidents/${incidentId}/evidence`;
  }, 180_000);
  afterAll(() => t.close());

  it('round-trips a file: the SHA-256 the server computed and shows is the hash of the bytes served back', async () => {
    const name = '議事録 2026.pdf';
    const created = await upload(CUSTOMER, stepPath, { name, bytes: PDF }).expect(201);
    expect(created.body).toMatchObject({
      subjectKind: 'onboarding_step',
      visibility: 'shared',
      fileName: name,
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      uploadedByName: expect.any(String),
    });
    const shown = (await list(LEAD, stepPath).expect(200)).body.items as FileJson[];
    expect(shown.map((f) => f.id)).toEqual([created.body.id]);
    const served = await download(LEAD, created.body.id).expect(200);
    expect(Buffer.compare(served.body as Buffer, PDF)).toBe(0);
    expect(sha256(served.body as Buffer)).toBe(shown[0].sha256);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['x-content-sha256']).toBe(sha256(PDF));
    expect(served.headers['cache-control']).toBe('no-store');
    expect(served.headers['content-disposition']).toBe(
      `attachment; filename="___ 2026.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  });

  it('keeps a large file in ordered chunks and serves it back whole', async () => {
    const csv = bigCsv(1_300_000);
    const created = await upload(IT, stepPath, { name: 'endpoints.csv', bytes: csv }).expect(201);
    expect(created.body).toMatchObject({ sizeBytes: csv.length, sha256: sha256(csv) });
    const [{ chunks }] = await t.dataSource.query(
      `SELECT count(*)::int AS chunks FROM evidence_chunk WHERE attachment_id = $1`,
      [created.body.id],
    );
    expect(chunks).toBe(3);
    const served = await download(CUSTOMER, created.body.id).expect(200);
    expect(sha256(served.body as Buffer)).toBe(sha256(csv));
    expect(served.headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('audits the upload in its transaction and every download', async () => {
    const created = await upload(ANALYST, stepPath, { name: 'console.png', bytes: PNG }).expect(
      201,
    );
    await download(CUSTOMER, created.body.id).expect(200);
    await download(LEAD, created.body.id).expect(200);
    const records = await t.dataSource.query(
      `SELECT a.action, a.engagement_id AS "engagementId", a.changes, u.email
         FROM audit_record a JOIN app_user u ON u.id = a.actor_user_id
        WHERE a.subject_type = 'evidence_file' AND a.subject_id = $1 ORDER BY a.seq`,
      [created.body.id],
    );
    expect(records).toEqual([
      expect.objectContaining({
        action: 'evidence.uploaded',
        email: ANALYST,
        engagementId: sakura,
        changes: expect.objectContaining({
          subjectKind: 'onboarding_step',
          visibility: 'shared',
          fileName: 'console.png',
          sizeBytes: PNG.length,
          sha256: sha256(PNG),
        }),
      }),
      expect.objectContaining({ action: 'evidence.downloaded', email: CUSTOMER }),
      expect.objectContaining({ action: 'evidence.downloaded', email: LEAD }),
    ]);
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const before = await stored();
    const response = await upload(CUSTOMER, stepPath, {
      name: 'big.csv',
      bytes: bigCsv(MAX_BYTES + 10),
    }).expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await stored()).toEqual(before);
  });

  it.each([
    [
      'a program named as a PDF',
      'report.pdf',
      Buffer.from('MZ\x90\x00\x03'),
      415,
      'EVIDENCE_FILE_EXECUTABLE',
    ],
    ['a script', 'notes.txt', Buffer.from('#!/bin/sh\necho hi\n'), 415, 'EVIDENCE_FILE_EXECUTABLE'],
    [
      'HTML named as text',
      'notes.txt',
      Buffer.from('<!doctype html><script>x</script>'),
      415,
      'EVIDENCE_FILE_ACTIVE_CONTENT',
    ],
    [
      'an SVG image',
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      415,
      'EVIDENCE_FILE_ACTIVE_CONTENT',
    ],
    ['a PNG named as a PDF', 'scan.pdf', PNG, 415, 'EVIDENCE_FILE_TYPE_MISMATCH'],
    [
      'a kind not on the list',
      'archive.zip',
      Buffer.from([0x50, 0x4b, 3, 4, 0]),
      415,
      'EVIDENCE_FILE_TYPE_NOT_ALLOWED',
    ],
    ['an empty file', 'empty.txt', Buffer.alloc(0), 400, 'EVIDENCE_FILE_EMPTY'],
  ])('refuses %s with its code and keeps nothing', async (_what, name, bytes, status, code) => {
    const before = await stored();
    const response = await upload(LEAD, stepPath, { name, bytes }).expect(status);
    expect(response.body.code).toBe(code);
    expect(await stored()).toEqual(before);
  });

  it('refuses malformed uploads naming the field: no file, a bad visibility, an unknown field', async () => {
    const none = await t
      .http()
      .post(stepPath)
      .set('Authorization', as(LEAD))
      .field('visibility', 'shared')
      .expect(400);
    expect(none.body.details).toEqual([{ field: 'file', reason: 'is required' }]);
    const bad = await upload(
      LEAD,
      stepPath,
      { name: 'a.pdf', bytes: PDF },
      { visibility: 'secret' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { field: 'visibility', reason: 'must be one of internal, shared' },
    ]);
    const stray = await upload(LEAD, stepPath, { name: 'a.pdf', bytes: PDF }, { note: 'x' });
    expect(stray.status).toBe(400);
    expect(stray.body.details[0].field).toBe('note');
  });

  it("keeps internal files from the customer: not listed, 404 on download; the provider's side sees them", async () => {
    const internal = await upload(ANALYST, incidentPath, {
      name: 'triage.txt',
      bytes: Buffer.from('lateral movement suspected\n'),
    }).expect(201);
    expect(internal.body.visibility).toBe('internal');
    const shared = await upload(
      LEAD,
      incidentPath,
      { name: 'summary.pdf', bytes: PDF },
      { visibility: 'shared' },
    ).expect(201);
    const fromCustomer = await upload(CUSTOMER, incidentPath, {
      name: 'hosts.csv',
      bytes: Buffer.from('host\npc-1\n'),
    }).expect(201);
    expect(fromCustomer.body.visibility).toBe('shared');

    for (const email of [CUSTOMER, IT]) {
      const seen = (await list(email, incidentPath).expect(200)).body.items as FileJson[];
      expect(seen.map((f) => f.id)).toEqual([shared.body.id, fromCustomer.body.id]);
      const refused = await download(email, internal.body.id).expect(404);
      expect(refused.headers['content-type']).toMatch(/json/);
    }
    for (const email of [LEAD, ANALYST, AM]) {
      const seen = (await list(email, incidentPath).expect(200)).body.items as FileJson[];
      expect(seen.map((f) => f.id)).toEqual([
        internal.body.id,
        shared.body.id,
        fromCustomer.body.id,
      ]);
    }
    await download(AM, internal.body.id).expect(200);

    const asked = await upload(
      CUSTOMER,
      incidentPath,
      { name: 'x.pdf', bytes: PDF },
      { visibility: 'internal' },
    ).expect(403);
    expect(asked.body.code).toBe('FORBIDDEN');
  });

  it("answers 404 for another tenant's subject and file, and reads no upload for it", async () => {
    const sakuraFile = (await list(LEAD, stepPath).expect(200)).body.items[0] as FileJson;
    await list(NORTHWIND, stepPath).expect(404);
    await list(NORTHWIND, incidentPath).expect(404);
    await download(NORTHWIND, sakuraFile.id).expect(404);
    const before = await stored();
    await upload(NORTHWIND, stepPath, { name: 'a.pdf', bytes: PDF }).expect(404);
    await upload(NORTHWIND, incidentPath, { name: 'a.pdf', bytes: PDF }).expect(404);
    // Sakura's incident through Northwind's own engagement path is not found either.
    await list(
      CUSTOMER,
      `/api/engagements/${sakura}/incidents/${northwindIncidentId}/evidence`,
    ).expect(404);
    expect(await stored()).toEqual(before);
    await download(CUSTOMER, '00000000-0000-4000-8000-000000000000').expect(404);
  });
});
