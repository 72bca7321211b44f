import { pdfText, squash } from '../agreements/support/pdf-text';
import {
  createSakuraOnboarding,
  driveToReady,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  StepJson,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';

interface Evidence {
  signatureRequestId: string;
  confirmationId: string;
}

// The certificate of a started service: 409 before the start; afterwards, in HTML and PDF and
// in the customer's language (Sakura: Japanese), every required step with who settled it, when,
// its content hash, and the signature request and domain confirmation behind those steps.
describe('completion certificate', () => {
  let t: TestApp;
  let tokens: Tokens;
  let onboardingId: string;
  let required: StepJson[];
  let evidence: Evidence;

  const certificate = async (
    format: 'html' | 'pdf',
    email = 'security@sakura.example',
    id = onboardingId,
  ) => {
    const request = t
      .http()
      .get(`/api/onboardings/${id}/completion-certificate?format=${format}`)
      .set('Authorization', await tokens.for(email));
    return format === 'pdf'
      ? request.buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
      : request;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    const engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens, '2027-06-01');
    await proposeSakuraDocuments(t, tokens, engagementId);
  });
  afterAll(() => t?.close());

  it('answers 409 before the service starts', async () => {
    const response = await certificate('html');
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('COMPLETION_BEFORE_SERVICE_START');
  });

  it('after the start, the HTML lists every required step with who, when, hash and evidence', async () => {
    const engagementId = await sakuraEngagementId(t, tokens);
    await driveToReady(t, tokens, onboardingId, engagementId);
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/start-service`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(201);
    required = (await steps(t, tokens, onboardingId)).filter((s) => s.requiredForStart);
    const [signature] = await t.dataSource.query(
      `SELECT id FROM signature_request WHERE onboarding_id = $1 AND status = 'signed'`,
      [onboardingId],
    );
    const [confirmation] = await t.dataSource.query(
      `SELECT id FROM domain_confirmation WHERE onboarding_id = $1 AND status = 'confirmed'`,
      [onboardingId],
    );
    evidence = { signatureRequestId: signature.id, confirmationId: confirmation.id };

    const response = await certificate('html');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.text;
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('サービス開始証明書');
    const sections = html.split('<h3>').slice(1);
    expect(sections).toHaveLength(required.length);
    const rows: { key: string; acted_at: Date | null }[] = await t.dataSource.query(
      `SELECT key, acted_at FROM onboarding_step WHERE onboarding_id = $1 AND required_for_start ORDER BY position`,
      [onboardingId],
    );
    expect(rows).toHaveLength(required.length);
    // Every required step was settled by someone at some time.
    expect(rows.filter((r) => r.acted_at === null)).toEqual([]);
    for (const step of required) {
      if (step.contentHash) expect(html).toContain(step.contentHash);
    }
    // The document-decided steps carry their document's hash; at least the agreement's.
    expect(required.find((s) => s.key === 'service_agreement')?.contentHash).toMatch(
      /^[0-9a-f]{64}$/,
    );
    expect(html).toContain(`署名依頼 ${evidence.signatureRequestId}`);
    expect(html).toContain(`ドメイン確認 ${evidence.confirmationId}`);
    // Who: the security lead (name, organisation, role) approved; the lead started the service.
    expect(html).toMatch(/Sakura Manufacturing, セキュリティ責任者/);
    expect(html).toMatch(
      /<tr><th>開始した人<\/th><td>[^<]+&lt;lead@mdr\.example&gt;, [^<]+, [^<]+<\/td><\/tr>/,
    );
    const started: { service_started_at: Date }[] = await t.dataSource.query(
      'SELECT service_started_at FROM onboarding WHERE id = $1',
      [onboardingId],
    );
    expect(html).toContain(new Date(started[0].service_started_at).toISOString());
    // Every step section has a time; none is left without one.
    for (const section of sections)
      expect(section).toMatch(/<tr><th>日時<\/th><td>\d{4}-\d{2}-\d{2}T/);
  });

  it('renders the same facts as a PDF', async () => {
    const response = await certificate('pdf', 'am@mdr.example');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = await pdfText(response.body as Buffer);
    const text = squash(pdf.text);
    expect(pdf.title).toBe('サービス開始証明書');
    expect(text).toContain(squash('サービス開始証明書'));
    for (const step of required) if (step.contentHash) expect(text).toContain(step.contentHash);
    expect(text).toContain(evidence.signatureRequestId);
    expect(text).toContain(evidence.confirmationId);
    expect(text).toContain('security@sakura.example');
  });

  it('is 404 for another tenant and 400 for a bad format', async () => {
    const other = await certificate('html', 'security@northwind.example');
    expect(other.status).toBe(404);
    expect(other.text).not.toContain('Sakura');
    const bad = await t
      .http()
      .get(`/api/onboardings/${onboardingId}/completion-certificate?format=docx`)
      .set('Authorization', await tokens.for('lead@mdr.example'));
    expect(bad.status).toBe(400);
  });
});
