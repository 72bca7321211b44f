import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  StepJson,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { driveUntilOpen } from '../support/signature-driver';
import { startTestApp, TestApp } from '../support/test-app';

const LEAD = 'lead@mdr.example';
const CUSTOMER = 'security@sakura.example';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const CSV = Buffer.from('participant,department\n佐藤 花子,情報システム部\n');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The raw bytes of a download, whatever its content type. */
function binary(request: ReturnType<ReturnType<TestApp['http']>['get']>) {
  return request.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

describe('tasks carry evidence: a note and files, kept, audited and downloadable by both parties', () => {
  let t: TestApp;
  let tokens: Tokens;
  let onboardingId: string;
  let northwindOnboardingId: string;

  const stepOf = async (
    key: string,
  ): Promise<
    StepJson & {
      completion: {
        note: string | null;
        files: {
          id: string;
          fileName: string;
          sizeBytes: number;
          sha256: string;
          contentType: string;
        }[];
      } | null;
    }
  > => (await steps(t, tokens, onboardingId)).find((s) => s.key === key) as never;
  const bearers: Record<string, string> = {};
  const complete = (email: string, key: string) =>
    t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/${key}/complete`)
      .set('Authorization', bearers[email]);
  const written = async (
    key: string,
  ): Promise<{ completions: number; files: number; audits: number }> => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM step_completion WHERE onboarding_id = $1 AND step_key = $2) AS completions,
              (SELECT count(*)::int FROM evidence_attachment a JOIN step_completion c ON c.id = a.subject_id
                WHERE a.subject_kind = 'step_completion' AND c.onboarding_id = $1 AND c.step_key = $2) AS files,
              (SELECT count(*)::int FROM audit_record WHERE action IN ('onboarding.step.completed', 'onboarding.step.evidence_recorded') AND changes ->> 'stepKey' = $2 AND changes ->> 'onboardingId' = $1::text) AS audits`,
      [onboardingId, key],
    );
    return row;
  };
  const nothingWritten = async (key: string): Promise<void> => {
    expect(await written(key)).toEqual({ completions: 0, files: 0, audits: 0 });
    expect((await stepOf(key)).state).toBe('open');
  };

  beforeAll(async () => {
    t = await startTestApp({
      seed: true,
      env: { EVIDENCE_MAX_FILE_BYTES: '4096', EVIDENCE_MAX_FILES: '2' },
    });
    tokens = new Tokens(t);
    const engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    await driveUntilOpen(t, tokens, onboardingId, engagementId, 'staff_briefing', steps, drive);
    const engagements = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', await tokens.for(LEAD))
      .expect(200);
    const northwind = engagements.body.items.find(
      (e: { customerName: string }) => e.customerName === 'Northwind Retail',
    );
    const created = await t
      .http()
      .post('/api/onboardings')
      .set('Authorization', await tokens.for(LEAD))
      .send({
        engagementId: northwind.id,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-06-01',
      })
      .expect(201);
    northwindOnboardingId = created.body.id;
    for (const email of [LEAD, CUSTOMER]) bearers[email] = await tokens.for(email);
  }, 180_000);
  afterAll(() => t.close());

  it('says per task what evidence the template asks for', async () => {
    const all = await steps(t, tokens, onboardingId);
    const flags = Object.fromEntries(all.filter((s) => s.evidence).map((s) => [s.key, s.evidence]));
    expect(flags).toMatchObject({
      staff_briefing: 'required',
      console_setup: 'required',
      escalation_test: 'required',
      console_access_granted: 'required',
      first_monthly_report: 'required',
      endpoint_inventory: 'optional',
    });
    expect(all.find((s) => s.key === 'service_agreement')?.evidence).toBeNull();
  });

  it('keeps taking JSON with a note for a task without required evidence, and shows the note', async () => {
    // Driven to done already; reopened by its actor, then completed again with a note.
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/mdr_requirements_defined/reopen`)
      .set('Authorization', await tokens.for(CUSTOMER))
      .send({ reason: 'adding the minutes' })
      .expect(200);
    const tooLong = await complete(CUSTOMER, 'mdr_requirements_defined').send({
      note: 'x'.repeat(4001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details.map((d: { field: string }) => d.field)).toEqual(['note']);
    const done = await complete(CUSTOMER, 'mdr_requirements_defined').send({
      note: '  監視時間帯は 24/7、報告は月次  ',
    });
    expect(done.status).toBe(200);
    const step = await stepOf('mdr_requirements_defined');
    expect(step.state).toBe('done');
    expect(step.completion).toMatchObject({ note: '監視時間帯は 24/7、報告は月次', files: [] });
  });

  it('refuses a task that requires evidence without a file (400 naming files), writing nothing', async () => {
    const refused = await complete(CUSTOMER, 'staff_briefing').send({ note: 'Briefed everyone' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'files', reason: 'this task requires evidence: attach at least one file' },
      ],
    });
    await nothingWritten('staff_briefing');
  });

  it('refuses a file too big, of a refused kind, or not what its name says, and too many files (400 naming the field), writing nothing', async () => {
    const cases: { attach: [string, Buffer, string][]; fields: string[] }[] = [
      { attach: [['files', Buffer.alloc(4097, 'a'), 'minutes.txt']], fields: ['files[0]'] },
      {
        attach: [
          ['files', PDF, 'slides.pdf'],
          ['files', Buffer.from('MZ\x90\x00'), 'tool.exe'],
        ],
        fields: ['files[1]'],
      },
      {
        attach: [['files', Buffer.from('<html><script>alert(1)</script>'), 'slides.pdf']],
        fields: ['files[0]'],
      },
      {
        attach: [
          ['files', PDF, 'a.pdf'],
          ['files', PDF, 'b.pdf'],
          ['files', PDF, 'c.pdf'],
        ],
        fields: ['files'],
      },
      {
        attach: [
          ['files', PDF, 'a.pdf'],
          ['files', PDF, 'b.pdf'],
          ['files', PDF, 'c.pdf'],
          ['files', PDF, 'd.pdf'],
          ['files', PDF, 'e.pdf'],
        ],
        fields: ['files'],
      },
      { attach: [['file', PDF, 'a.pdf']], fields: ['file'] },
    ];
    for (const { attach, fields } of cases) {
      let request = complete(CUSTOMER, 'staff_briefing').field('note', 'Briefed everyone');
      for (const [field, bytes, name] of attach) request = request.attach(field, bytes, name);
      const refused = await request;
      expect({
        status: refused.status,
        fields: refused.body.details?.map((d: { field: string }) => d.field),
      }).toEqual({ status: 400, fields });
    }
    const reasons = await complete(CUSTOMER, 'staff_briefing').attach(
      'files',
      Buffer.alloc(5000, 'a'),
      'big.txt',
    );
    expect(reasons.body.details[0].reason).toBe('is larger than 4096 bytes');
    await nothingWritten('staff_briefing');
  });

  it('refuses the files of someone who may see the step but not act (403) and of another tenant (404)', async () => {
    const provider = await complete(LEAD, 'staff_briefing')
      .field('note', 'not mine')
      .attach('files', PDF, 'slides.pdf');
    expect(provider.status).toBe(403);
    const stranger = await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/staff_briefing/complete`)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .field('note', 'x')
      .attach('files', PDF, 'slides.pdf');
    expect(stranger.status).toBe(404);
    await nothingWritten('staff_briefing');
  });

  it('completes with a note and files: each stored with its SHA-256 and size, shown on the onboarding, audited', async () => {
    const done = await complete(CUSTOMER, 'staff_briefing')
      .field('note', '全拠点で説明会を実施しました')
      .attach('files', PDF, '説明会資料.pdf')
      .attach('files', CSV, 'attendees.csv');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ stepKey: 'staff_briefing', state: 'done' });
    const step = await stepOf('staff_briefing');
    expect(step.completion?.note).toBe('全拠点で説明会を実施しました');
    expect(
      step.completion?.files.map((f) => [f.fileName, f.contentType, f.sizeBytes, f.sha256]),
    ).toEqual([
      ['説明会資料.pdf', 'application/pdf', PDF.length, sha256(PDF)],
      ['attendees.csv', 'text/csv; charset=utf-8', CSV.length, sha256(CSV)],
    ]);
    // Kept by the evidence store: the completion is the subject, the bytes are its chunks.
    const [stored] = await t.dataSource.query(
      `SELECT a.subject_kind AS kind, a.subject_id AS "subjectId", a.visibility, a.sha256,
              encode(sha256(string_agg(k.data, ''::bytea ORDER BY k.seq)), 'hex') AS hash,
              sum(octet_length(k.data))::int AS size
         FROM evidence_attachment a JOIN evidence_chunk k ON k.attachment_id = a.id
        WHERE a.id = $1 GROUP BY a.id`,
      [step.completion?.files[0].id],
    );
    const [completion] = await t.dataSource.query(
      `SELECT id FROM step_completion WHERE onboarding_id = $1 AND step_key = 'staff_briefing'`,
      [onboardingId],
    );
    expect(stored).toEqual({
      kind: 'step_completion',
      subjectId: completion.id,
      visibility: 'shared',
      sha256: sha256(PDF),
      hash: sha256(PDF),
      size: PDF.length,
    });
    const uploads = await t.dataSource.query(
      `SELECT subject_id AS id, changes ->> 'sha256' AS sha256 FROM audit_record
        WHERE action = 'evidence.uploaded' AND changes ->> 'subjectId' = $1 ORDER BY seq`,
      [completion.id],
    );
    expect(uploads).toEqual(step.completion?.files.map((f) => ({ id: f.id, sha256: f.sha256 })));
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'onboarding.step.evidence_recorded' AND changes ->> 'stepKey' = 'staff_briefing'`,
    );
    expect(audit.changes.note).toBe('全拠点で説明会を実施しました');
    expect(
      audit.changes.files.map((f: { fileName: string; sha256: string }) => [f.fileName, f.sha256]),
    ).toEqual([
      ['説明会資料.pdf', sha256(PDF)],
      ['attendees.csv', sha256(CSV)],
    ]);
    // The customer's view and the provider's view show the same evidence.
    const provider = (
      await t
        .http()
        .get(`/api/onboardings/${onboardingId}`)
        .set('Authorization', await tokens.for(LEAD))
        .expect(200)
    ).body;
    expect(
      provider.steps.find((s: { key: string }) => s.key === 'staff_briefing').completion.files,
    ).toHaveLength(2);
    expect(provider.mayDownloadEvidence).toBe(true);
  });

  it('serves a file as a safe attachment to both parties, audits each download, and nobody else gets it', async () => {
    const file = (await stepOf('staff_briefing')).completion?.files[0] as { id: string };
    const path = `/api/onboardings/${onboardingId}/evidence/${file.id}`;
    const before = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_record WHERE action = 'evidence.downloaded' AND subject_id = $1`,
      [file.id],
    );
    for (const email of [
      CUSTOMER,
      'it-jp@sakura.example',
      LEAD,
      'analyst@mdr.example',
      'am@mdr.example',
    ]) {
      const response: Response = await binary(
        t
          .http()
          .get(path)
          .set('Authorization', await tokens.for(email)),
      );
      expect(response.status).toBe(200);
      expect(Buffer.compare(response.body as Buffer, PDF)).toBe(0);
      expect(response.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('説明会資料.pdf')}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-content-sha256': sha256(PDF),
      });
    }
    const after = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_record WHERE action = 'evidence.downloaded' AND subject_id = $1`,
      [file.id],
    );
    expect(after[0].n - before[0].n).toBe(5);
    // The platform admin sees the onboarding but is neither party.
    const admin = await t
      .http()
      .get(path)
      .set('Authorization', await tokens.for('admin@portal.example'));
    expect(admin.status).toBe(403);
    // The store's own download route keeps the same rule.
    const adminThroughStore = await t
      .http()
      .get(`/api/evidence/${file.id}`)
      .set('Authorization', await tokens.for('admin@portal.example'));
    expect(adminThroughStore.status).toBe(403);
    expect(
      (
        await t
          .http()
          .get(`/api/onboardings/${onboardingId}`)
          .set('Authorization', await tokens.for('admin@portal.example'))
          .expect(200)
      ).body.mayDownloadEvidence,
    ).toBe(false);
    // Another tenant, and the file under another onboarding: 404, no data.
    const stranger = await t
      .http()
      .get(path)
      .set('Authorization', await tokens.for('security@northwind.example'));
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain('説明会');
    const elsewhere = await t
      .http()
      .get(`/api/onboardings/${northwindOnboardingId}/evidence/${file.id}`)
      .set('Authorization', await tokens.for(LEAD));
    expect(elsewhere.status).toBe(404);
    const bad = await t
      .http()
      .get(`/api/onboardings/${onboardingId}/evidence/not-a-uuid`)
      .set('Authorization', await tokens.for(LEAD));
    expect(bad.body.details).toEqual([{ field: 'fileId', reason: 'must be a UUID' }]);
  });

  it('forgets a completion’s evidence on the view once the step is reopened', async () => {
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/staff_briefing/reopen`)
      .set('Authorization', await tokens.for(CUSTOMER))
      .send({ reason: 'one site missed' })
      .expect(200);
    expect((await stepOf('staff_briefing')).completion).toBeNull();
    const again = await complete(CUSTOMER, 'staff_briefing').attach(
      'files',
      Buffer.from('Osaka briefing held\n'),
      'osaka.txt',
    );
    expect(again.status).toBe(200);
    const step = await stepOf('staff_briefing');
    expect(step.completion?.note).toBeNull();
    expect(step.completion?.files.map((f) => f.fileName)).toEqual(['osaka.txt']);
  });
});
