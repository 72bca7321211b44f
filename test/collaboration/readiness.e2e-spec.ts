import { roleLabel } from '@app/access';
import { pdfText, squash } from '../agreements/support/pdf-text';
import { portalAgent, PortalAgent, signIn, textOf } from '../portal/portal-client';
import { createSakuraOnboarding, drive, steps, Tokens } from '../support/onboarding-driver';
import { inspect } from '../support/page-inspection';
import { startTestApp, TestApp } from '../support/test-app';
import { testClockNow } from '../support/test-clock';

const binary = (request: ReturnType<PortalAgent['get']>) =>
  request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

// The readiness summary of an onboarding through the real stack: done, waiting on whom (with
// the overdue step), the forecast start pushed back by the overdue days as the overview computes
// it; in the reader's language and zone on the page and in the PDF (Japanese text drawn with
// the embedded CJK font); for the security lead, provider staff and account managers only.
describe('readiness summary', () => {
  let t: TestApp;
  let tokens: Tokens;
  let onboardingId: string;
  let overdueKey: string;
  let doneKey: string;
  let overdueWho: string;
  let security: PortalAgent;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    onboardingId = await createSakuraOnboarding(t, tokens, '2027-06-01');
    // Settle one step the ordinary way, so something is done.
    const first = (await steps(t, tokens, onboardingId)).find(
      (s) => s.key === 'mdr_requirements_defined',
    );
    if (!first) throw new Error('No requirements step');
    await drive(t, tokens, onboardingId, first);
    doneKey = first.key;
    // One waiting required step is ten days overdue.
    const [waiting] = await t.dataSource.query(
      `SELECT key, party, role FROM onboarding_step WHERE onboarding_id = $1 AND required_for_start
          AND state = 'open' ORDER BY position LIMIT 1`,
      [onboardingId],
    );
    overdueKey = waiting.key;
    overdueWho = `${waiting.party === 'customer' ? 'お客様' : 'プロバイダー'}: ${roleLabel(waiting.role, 'ja')}`;
    await t.dataSource.query(
      `UPDATE onboarding_step SET due_at = $3 WHERE onboarding_id = $1 AND key = $2`,
      [onboardingId, overdueKey, new Date(Date.parse('2026-10-23T00:00:00Z'))],
    );
    security = portalAgent(t);
    await signIn(security, 'security@sakura.example');
  });
  afterAll(() => t?.close());

  it('is linked from the onboarding page for the security lead', async () => {
    const page = await security.get(`/onboardings/${onboardingId}`).expect(200);
    expect(page.text).toContain(`href="/onboardings/${onboardingId}/readiness"`);
    expect(page.text).toContain('data-testid="onboarding-readiness-pdf"');
  });

  it('shows what is done, what waits on whom and the forecast start, in Japanese', async () => {
    const page = await security.get(`/onboardings/${onboardingId}/readiness`).expect(200);
    expect(inspect(page.text, page.headers as Record<string, string>)).toEqual([]);
    const text = textOf(page.text);
    expect(page.text).toContain('<html lang="ja"');
    expect(text).toContain('準備状況サマリー：Sakura Manufacturing');
    expect(text).toContain('2027年6月1日');
    // The earliest waiting step is 10 days late (clock: 2 Nov 2026): forecast 11 June.
    const days = Math.floor(
      (testClockNow().getTime() - Date.parse('2026-10-23T00:00:00Z')) / 86_400_000,
    );
    expect(days).toBe(10);
    expect(text).toContain('2027年6月11日');
    expect(text).toContain('予定より 10 日遅れ');
    const overdueRow = new RegExp(
      `<tr data-testid="readiness-wait" data-step="${overdueKey}" data-overdue="true">([\\s\\S]*?)</tr>`,
    ).exec(page.text);
    expect(overdueRow).not.toBeNull();
    expect(textOf(overdueRow?.[1] ?? '')).toContain(overdueWho);
    expect(textOf(overdueRow?.[1] ?? '')).toContain('期限超過');
    expect(page.text).toContain(`data-testid="readiness-done-row" data-step="${doneKey}"`);
    // Every required step open to a person is listed; the blocked ones are counted.
    const [{ waiting, blocked }] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE state IN ('open', 'stale', 'rejected'))::int AS waiting,
              count(*) FILTER (WHERE state = 'blocked')::int AS blocked
         FROM onboarding_step WHERE onboarding_id = $1 AND required_for_start`,
      [onboardingId],
    );
    expect(page.text.match(/data-testid="readiness-wait"/g)).toHaveLength(waiting);
    expect(text).toContain(
      `このほか必須ステップ ${blocked} 件が、先行ステップの完了後に始まります。`,
    );
  });

  it('is a PDF in the reader’s language, with the CJK text drawn', async () => {
    const response = await binary(
      security.get(`/onboardings/${onboardingId}/readiness?format=pdf`),
    ).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('attachment');
    const pdf = await pdfText(response.body as Buffer);
    expect(pdf.pages).toBe(1);
    const text = squash(pdf.text);
    expect(text).toContain(squash('準備状況サマリー：Sakura Manufacturing'));
    expect(text).toContain(squash('2027年6月11日'));
    expect(text).toContain('期限超過');
    expect(text).toContain(squash('誰の対応待ちか'));
    // "As of" the business clock, in Tokyo time.
    // (the pinned clock runs on from 03:00 UTC while the file runs).
    expect(text).toMatch(/2026\/11\/0212:\d\dJST/);
  });

  it('speaks English to the account manager', async () => {
    const am = portalAgent(t);
    await signIn(am, 'am@mdr.example');
    const page = await am.get(`/onboardings/${onboardingId}/readiness`).expect(200);
    expect(textOf(page.text)).toContain('Readiness summary: Sakura Manufacturing');
    expect(textOf(page.text)).toContain('11 June 2027');
    const response = await binary(
      am.get(`/onboardings/${onboardingId}/readiness?format=pdf`),
    ).expect(200);
    const text = squash((await pdfText(response.body as Buffer)).text);
    expect(text).toContain(squash('Forecast service start'));
    expect(text).toContain(squash('What waits on whom'));
    expect(text).toContain('overdue');
  });

  it('lets provider staff read it, refuses country IT staff (403) and other tenants (404)', async () => {
    const analyst = portalAgent(t);
    await signIn(analyst, 'analyst@mdr.example');
    await analyst.get(`/onboardings/${onboardingId}/readiness`).expect(200);
    const it = portalAgent(t);
    await signIn(it, 'it-jp@sakura.example');
    const onboarding = await it.get(`/onboardings/${onboardingId}`).expect(200);
    expect(onboarding.text).not.toContain('data-testid="onboarding-readiness"');
    await it.get(`/onboardings/${onboardingId}/readiness`).expect(403);
    await it.get(`/onboardings/${onboardingId}/readiness?format=pdf`).expect(403);
    const other = portalAgent(t);
    await signIn(other, 'security@northwind.example');
    await other.get(`/onboardings/${onboardingId}/readiness`).expect(404);
    await other.get(`/onboardings/${onboardingId}/readiness?format=pdf`).expect(404);
    await security.get(`/onboardings/${onboardingId}/readiness?format=docx`).expect(400);
  });
});
