import { createHash } from 'node:crypto';
import { ReaderZones, User } from '@app/identity';
import { formatMoment } from '@app/platform';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { createSakuraOnboarding, proposeSakuraDocuments } from '../support/onboarding-driver';
import { inspect } from '../support/page-inspection';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { csrfTokenIn, htmlLangOf, PortalAgent, portalAgent, signIn, textOf } from './portal-client';

const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const NOTES = Buffer.from('隔離前のプロセス一覧\nsvchost.exe 4242\n');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The response body as bytes, whatever its content type. */
function bytesOf(request: ReturnType<PortalAgent['get']>) {
  return request.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

/** The download links of the evidence list on a page, by file name. */
function downloadsOf(html: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const m of html.matchAll(
    /<a href="(\/evidence\/[0-9a-f-]{36})" download data-testid="evidence-download">([^<]+)<\/a>/g,
  ))
    links.set(m[2], m[1]);
  return links;
}

/**
 * Evidence files in the portal through the real stack: uploaded with the page's multipart form
 * (CSRF token first), listed with their SHA-256, downloaded with the portal session byte for
 * byte, refused files explained by their code, internal incident files never shown to the
 * customer, another tenant's step, incident and file answering 404.
 */
describe('portal: evidence files on steps and incidents', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let sakura: string;
  let onboardingId: string;
  let incidentId: string;
  let lead: PortalAgent;
  let security: PortalAgent;
  let northwind: PortalAgent;
  const stepPage = () => `/onboardings/${onboardingId}/steps/staff_briefing/evidence`;
  const incidentPage = () => `/engagements/${sakura}/incidents/${incidentId}`;
  const kept = async (): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM evidence_attachment`))[0].n;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      seed: true,
      withWorker: true,
      env: { SMTP_URL: sink.url, EVIDENCE_STORE_MAX_BYTES: '4096' },
    });
    h = new IncidentHarness(t, sink);
    sakura = await h.engagementId();
    await proposeSakuraDocuments(t, h.tokens, sakura);
    onboardingId = await createSakuraOnboarding(t, h.tokens);
    await h.driveToStart(onboardingId, sakura);
    const opened = await h.call(LEAD, 'post', `/api/engagements/${sakura}/incidents`, {
      title: 'Beacon on SK-PC-0042',
      severity: 'high',
    });
    expect(opened.status).toBe(201);
    incidentId = opened.body.id as string;
    [lead, security, northwind] = await Promise.all(
      [LEAD, SECURITY, 'security@northwind.example'].map(async (email) => {
        const agent = portalAgent(t);
        await signIn(agent, email);
        return agent;
      }),
    );
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('links each step card to its files; the customer uploads one on the step page, and both parties list and download it', async () => {
    const onboarding = await security.get(`/onboardings/${onboardingId}`).expect(200);
    expect(onboarding.text).toContain(`href="${stepPage()}" data-testid="step-evidence-files"`);

    const page = await security.get(stepPage()).expect(200);
    expect(htmlLangOf(page.text)).toBe('ja');
    // Nothing attached here yet, but the task's completion (driven above) kept a file: listed, marked.
    expect(textOf(page.text)).toContain('staff_briefing.txt タスク完了時の記録');
    expect(textOf(page.text)).not.toContain('ファイルはまだありません。');
    // The customer's files are always shared: no choice offered, and the form says so.
    expect(page.text).not.toContain('name="visibility"');
    expect(page.text).toContain(
      `enctype="multipart/form-data" action="${stepPage()}" data-testid="evidence-form"`,
    );
    expect(inspect(page.text, page.headers as Record<string, string>)).toEqual([]);

    const uploaded = await security
      .post(stepPage())
      .field('_csrf', csrfTokenIn(page.text))
      .attach('file', PDF, '説明会資料.pdf')
      .expect(303);
    expect(uploaded.headers.location).toBe(`${stepPage()}?done=uploaded`);
    const after = await security.get(uploaded.headers.location as string).expect(200);
    expect(textOf(after.text)).toContain('ファイルを保存しました。');
    const row = textOf(after.text);
    expect(row).toContain(`説明会資料.pdf ${PDF.length} B ${sha256(PDF)}`);
    // Uploaded by the security lead, at a time in the reader's zone.
    const [{ uploaded_at: at }] = await t.dataSource.query(
      `SELECT uploaded_at FROM evidence_attachment WHERE file_name = $1`,
      ['説明会資料.pdf'],
    );
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ email: SECURITY });
    const zone = await t.app.get(ReaderZones).ofUser(user.id);
    expect(row).toContain(
      `${sha256(PDF)} ${user.displayName} ${formatMoment(at as Date, { language: 'ja', timeZone: zone })}`,
    );
    const href = downloadsOf(after.text).get('説明会資料.pdf') as string;
    expect(href).toMatch(/^\/evidence\//);

    // The provider's lead sees it in English, and both download exactly the bytes uploaded.
    const theirs = await lead.get(stepPage()).expect(200);
    expect(textOf(theirs.text)).toContain(sha256(PDF));
    expect(textOf(theirs.text)).toContain('Shared with the customer');
    for (const agent of [security, lead]) {
      const file = await bytesOf(agent.get(href)).expect(200);
      expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
      expect(file.headers['content-disposition']).toMatch(/^attachment; /);
      expect(file.headers).toMatchObject({
        'content-type': 'application/pdf',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-content-sha256': sha256(PDF),
      });
    }
    const audited = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE subject_type = 'evidence_file' AND subject_id = $1 ORDER BY seq`,
      [href.slice('/evidence/'.length)],
    );
    expect(audited.map((r: { action: string }) => r.action)).toEqual([
      'evidence.uploaded',
      'evidence.downloaded',
      'evidence.downloaded',
    ]);
  });

  it('explains a refused file by its code on the page again and keeps nothing; a form without its token is the 403 page', async () => {
    const before = await kept();
    const token = csrfTokenIn((await security.get(stepPage()).expect(200)).text);
    const tooLarge = await security
      .post(stepPage())
      .field('_csrf', token)
      .attach('file', Buffer.alloc(5000, 'a'), '議事録.txt')
      .expect(413);
    expect(textOf(tooLarge.text)).toContain('ファイルまたはフォームが大きすぎます。');
    expect(tooLarge.text).toContain('data-testid="evidence-form"');
    const program = await security
      .post(stepPage())
      .field('_csrf', token)
      .attach('file', Buffer.from('MZ\x90\x00 program'), 'report.pdf')
      .expect(415);
    expect(textOf(program.text)).toContain('プログラムは証跡として添付できません。');
    const noToken = await security.post(stepPage()).attach('file', PDF, 'slides.pdf');
    expect(noToken.status).toBe(403);
    // The customer cannot make a file internal (nor see one).
    const internal = await security
      .post(stepPage())
      .field('_csrf', token)
      .field('visibility', 'internal')
      .attach('file', PDF, 'secret.pdf')
      .expect(403);
    expect(textOf(internal.text)).toContain('この操作を行う権限がありません。');
    expect(await kept()).toBe(before);
  });

  it('on the incident page the provider chooses internal (the default) or shared; the customer sees only the shared file', async () => {
    const page = await lead.get(incidentPage()).expect(200);
    const action = `${incidentPage()}/evidence`;
    expect(page.text).toContain(`action="${action}" data-testid="evidence-form"`);
    expect(page.text).toMatch(/<input type="radio" name="visibility" value="internal" checked>/);
    expect(page.text).toMatch(/<input type="radio" name="visibility" value="shared">/);
    expect(inspect(page.text, page.headers as Record<string, string>)).toEqual([]);
    const token = csrfTokenIn(page.text);

    const internal = await lead
      .post(action)
      .field('_csrf', token)
      .attach('file', NOTES, 'process-list.txt')
      .expect(303);
    expect(internal.headers.location).toBe(`${incidentPage()}#evidence`);
    await lead
      .post(action)
      .field('_csrf', token)
      .field('visibility', 'shared')
      .attach('file', PDF, 'timeline.pdf')
      .expect(303);

    const providerView = await lead.get(incidentPage()).expect(200);
    const providerLinks = downloadsOf(providerView.text);
    expect([...providerLinks.keys()]).toEqual(['process-list.txt', 'timeline.pdf']);
    expect(providerView.text).toMatch(
      /data-testid="evidence-file" data-visibility="internal" class="evidence-file--internal">/,
    );
    expect(textOf(providerView.text)).toContain(`process-list.txt Internal`);
    expect(textOf(providerView.text)).toContain(sha256(NOTES));

    const customerView = await security.get(incidentPage()).expect(200);
    expect([...downloadsOf(customerView.text).keys()]).toEqual(['timeline.pdf']);
    expect(customerView.text).not.toContain('process-list.txt');
    expect(customerView.text).not.toContain(sha256(NOTES));
    expect(customerView.text).not.toContain('name="visibility"');
    const customerFilesPage = await security.get(`${incidentPage()}/evidence`).expect(200);
    expect([...downloadsOf(customerFilesPage.text).keys()]).toEqual(['timeline.pdf']);
    const internalHref = providerLinks.get('process-list.txt') as string;
    expect((await security.get(internalHref)).status).toBe(404);
    const file = await bytesOf(lead.get(internalHref)).expect(200);
    expect(Buffer.compare(file.body as Buffer, NOTES)).toBe(0);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');

    // The customer's own file on the incident is shared with the provider.
    const customerToken = csrfTokenIn(customerView.text);
    await security
      .post(action)
      .field('_csrf', customerToken)
      .attach('file', PDF, 'user-report.pdf')
      .expect(303);
    const withCustomerFile = await lead.get(incidentPage()).expect(200);
    expect(withCustomerFile.text).toMatch(
      /data-visibility="shared"[^>]*>\s*<td><a [^>]+>user-report\.pdf/,
    );

    // A refused upload on the incident is explained on the incident's evidence page, choice kept.
    const refused = await lead
      .post(action)
      .field('_csrf', token)
      .field('visibility', 'shared')
      .attach('file', Buffer.from('<html><script>x</script>'), 'notes.txt')
      .expect(415);
    expect(textOf(refused.text)).toContain('web page or markup');
    expect(refused.text).toMatch(/<input type="radio" name="visibility" value="shared" checked>/);
  });

  it("answers another tenant's step, incident, upload and file with 404 and keeps nothing", async () => {
    const file = downloadsOf((await lead.get(incidentPage()).expect(200)).text).get(
      'timeline.pdf',
    ) as string;
    const before = await kept();
    expect((await northwind.get(stepPage())).status).toBe(404);
    expect((await northwind.get(incidentPage())).status).toBe(404);
    expect((await northwind.get(`${incidentPage()}/evidence`)).status).toBe(404);
    const download = await northwind.get(file);
    expect(download.status).toBe(404);
    expect(download.text).not.toContain('%PDF');
    const token = csrfTokenIn((await northwind.get('/').expect(200)).text);
    for (const path of [stepPage(), `${incidentPage()}/evidence`])
      expect(
        (await northwind.post(path).field('_csrf', token).attach('file', PDF, 'x.pdf')).status,
      ).toBe(404);
    expect(await kept()).toBe(before);
  });
});
