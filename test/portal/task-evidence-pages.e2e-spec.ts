import { createHash } from 'node:crypto';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { driveUntilOpen } from '../support/signature-driver';
import { formatMoment } from '@app/platform';
import { startTestApp, TestApp } from '../support/test-app';
import { csrfTokenIn, htmlLangOf, PortalAgent, portalAgent, signIn, textOf } from './portal-client';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const INVENTORY = [
  'hostname,type,os_family,os_version,site,country',
  'tky-pc-01,client,windows,Windows 11 25H2,Tokyo,JP',
  'tky-pc-02,client,windows,Windows 11 25H2,Tokyo,JP',
  'tky-pc-03,client,windows,Windows 11 25H2,Tokyo,JP',
  'tky-old-01,client,windows,Windows 7,Tokyo,JP',
].join('\n');

/** The card of a step on the onboarding page. */
function cardOf(html: string, key: string): string {
  const start = html.indexOf(`id="step-${key}"`);
  if (start < 0) throw new Error(`no card for ${key}`);
  return html.slice(start, html.indexOf('</li>', html.indexOf('</article>', start)));
}

describe('portal: tasks completed with a note and evidence files; deployment recorded on the waves page', () => {
  let test: TestApp;
  let tokens: Tokens;
  let engagementId: string;
  let onboardingId: string;
  let customer: PortalAgent;
  let lead: PortalAgent;
  let itStaff: PortalAgent;
  const path = () => `/onboardings/${onboardingId}`;
  const completePath = (key: string) => `/onboardings/${onboardingId}/steps/${key}/complete`;
  const written = async (key: string): Promise<number> =>
    (
      await test.dataSource.query(
        `SELECT count(*)::int AS n FROM step_completion WHERE onboarding_id = $1 AND step_key = $2`,
        [onboardingId, key],
      )
    )[0].n;

  beforeAll(async () => {
    test = await startTestApp({ seed: true, env: { EVIDENCE_MAX_FILE_BYTES: '4096' } });
    tokens = new Tokens(test);
    engagementId = await sakuraEngagementId(test, tokens);
    onboardingId = await createSakuraOnboarding(test, tokens);
    await proposeSakuraDocuments(test, tokens, engagementId);
    await driveUntilOpen(test, tokens, onboardingId, engagementId, 'staff_briefing', steps, drive);
    customer = portalAgent(test);
    await signIn(customer, 'security@sakura.example');
    lead = portalAgent(test);
    await signIn(lead, 'lead@mdr.example');
    itStaff = portalAgent(test);
    await signIn(itStaff, 'it-jp@sakura.example');
  }, 180_000);
  afterAll(() => test.close());

  it('offers a task that requires evidence only a multipart form with a required file input, in Japanese', async () => {
    const page = await customer.get(path()).expect(200);
    expect(htmlLangOf(page.text)).toBe('ja');
    const card = cardOf(page.text, 'staff_briefing');
    expect(textOf(card)).toContain('証跡ファイルが必要です');
    expect(card).toContain(
      `enctype="multipart/form-data" action="${completePath('staff_briefing')}"`,
    );
    expect(card).toMatch(
      /<input class="field__input" id="step-staff_briefing-files" name="files" type="file" multiple accept="\.pdf,\.png,\.jpg,\.jpeg,\.txt,\.csv,\.xlsx,\.docx" required/,
    );
    expect(card.split(`action="${completePath('staff_briefing')}"`)).toHaveLength(2);
    expect(textOf(card)).toContain('5 ファイルまで、各 4 KB 以内');
    // The home page sends the person to the card instead of completing it in one click.
    const home = await customer.get('/').expect(200);
    expect(home.text).not.toContain(`action="${completePath('staff_briefing')}"`);
  });

  it('refuses a form without its CSRF token (403 page) and says what is missing without a file or with a file too big', async () => {
    const noToken = await customer
      .post(completePath('staff_briefing'))
      .field('note', 'x')
      .attach('files', PDF, 'slides.pdf');
    expect(noToken.status).toBe(403);
    const token = csrfTokenIn((await customer.get(path()).expect(200)).text);
    const noFile = await customer
      .post(completePath('staff_briefing'))
      .field('_csrf', token)
      .field('note', '説明会を実施しました')
      .expect(303);
    expect(noFile.headers.location).toBe(path());
    expect(textOf((await customer.get(path()).expect(200)).text)).toContain(
      '「関係者への説明」には証跡が必要です。ファイルを 1 つ以上添付してください。',
    );
    await customer
      .post(completePath('staff_briefing'))
      .field('_csrf', token)
      .attach('files', Buffer.alloc(5000, 'a'), '議事録.txt')
      .expect(303);
    expect(textOf((await customer.get(path()).expect(200)).text)).toContain(
      '「議事録.txt」は 4 KB を超えています。',
    );
    await customer
      .post(completePath('staff_briefing'))
      .field('_csrf', token)
      .attach('files', Buffer.from('<script>'), 'slides.pdf')
      .expect(303);
    expect(textOf((await customer.get(path()).expect(200)).text)).toContain(
      '「slides.pdf」は受け付けられません。',
    );
    expect(await written('staff_briefing')).toBe(0);
  });

  it('completes with a note and a file; both parties see the note, name, size and SHA-256, and download it', async () => {
    const token = csrfTokenIn((await customer.get(path()).expect(200)).text);
    const done = await customer
      .post(completePath('staff_briefing'))
      .field('_csrf', token)
      .field('expectedVersion', '')
      .field('note', '全拠点で説明会を実施しました <b>記録</b>')
      .attach('files', PDF, '説明会資料.pdf')
      .expect(303);
    expect(done.headers.location).toBe(path());
    const mine = await customer.get(path()).expect(200);
    expect(textOf(mine.text)).toContain('「関係者への説明」を完了にしました。');
    const card = cardOf(mine.text, 'staff_briefing');
    expect(card).toContain('全拠点で説明会を実施しました &lt;b&gt;記録&lt;/b&gt;');
    expect(textOf(card)).toContain(`説明会資料.pdf ${PDF.length} B ${sha256(PDF)}`);
    const href = /href="(\/onboardings\/[0-9a-f-]+\/evidence\/[0-9a-f-]+)" download/.exec(
      card,
    )?.[1] as string;
    expect(href).toBeDefined();
    // The provider's lead sees the same record in English, with the link.
    const theirs = cardOf((await lead.get(path()).expect(200)).text, 'staff_briefing');
    expect(textOf(theirs)).toContain('Recorded when completed');
    expect(theirs).toContain(`href="${href}" download`);
    for (const agent of [customer, lead]) {
      const file = await agent
        .get(href)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
      expect(file.headers['content-disposition']).toMatch(/^attachment; /);
      expect(file.headers).toMatchObject({
        'content-type': 'application/pdf',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
    }
    // The platform admin sees the record but gets no link and no file; another tenant gets the 404 page.
    const admin = portalAgent(test);
    await signIn(admin, 'admin@portal.example');
    const adminCard = cardOf((await admin.get(path()).expect(200)).text, 'staff_briefing');
    expect(textOf(adminCard)).toContain(sha256(PDF));
    expect(adminCard).not.toContain('/evidence/');
    expect((await admin.get(href)).status).toBe(403);
    const stranger = portalAgent(test);
    await signIn(stranger, 'security@northwind.example');
    const hidden = await stranger.get(href);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('%PDF');
  });

  it('lists the completion’s files on the step’s evidence page beside the step’s own, keeping who sees and downloads what', async () => {
    const evidencePage = `/onboardings/${onboardingId}/steps/staff_briefing/evidence`;
    const rowsOf = (html: string): string[] =>
      [...html.matchAll(/<tr data-testid="evidence-file"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    // The provider attaches an internal and a shared file to the step itself.
    for (const [visibility, name] of [
      ['internal', 'provider-notes.pdf'],
      ['shared', 'agenda.pdf'],
    ]) {
      const token = csrfTokenIn((await lead.get(evidencePage).expect(200)).text);
      await lead
        .post(evidencePage)
        .field('_csrf', token)
        .field('visibility', visibility)
        .attach('file', PDF, name)
        .expect(303);
    }
    const [completion] = (await test.dataSource.query(
      `SELECT f.id, f.uploaded_at AS "uploadedAt" FROM evidence_attachment f
         JOIN step_completion c ON c.id = f.subject_id
        WHERE f.subject_kind = 'step_completion' AND c.onboarding_id = $1 AND c.step_key = 'staff_briefing'`,
      [onboardingId],
    )) as { id: string; uploadedAt: Date }[];

    // The customer: the completion's file, marked, with who kept it and when in Tokyo; the shared
    // file; never the internal one.
    const mine = (await customer.get(evidencePage).expect(200)).text;
    const rows = rowsOf(mine);
    expect(rows.map((r) => textOf(r).trim().split(/\s+/)[0])).toEqual([
      '説明会資料.pdf',
      'agenda.pdf',
    ]);
    const kept = rows[0];
    expect(kept).toContain('data-completion="true"');
    expect(textOf(kept)).toContain('タスク完了時の記録');
    expect(textOf(kept)).toContain('佐藤 花子');
    expect(textOf(kept)).toContain(
      formatMoment(new Date(completion.uploadedAt), { language: 'ja', timeZone: 'Asia/Tokyo' }),
    );
    expect(kept).toContain(`href="/evidence/${completion.id}" download`);
    expect(rows[1]).not.toContain('data-completion');
    expect(mine).not.toContain('provider-notes.pdf');
    const file = await customer.get(`/evidence/${completion.id}`).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');

    // The provider's lead, in English: all three, the completion's marked.
    const theirs = rowsOf((await lead.get(evidencePage).expect(200)).text);
    expect(theirs.map((r) => textOf(r).trim().split(/\s+/)[0])).toEqual([
      '説明会資料.pdf',
      'provider-notes.pdf',
      'agenda.pdf',
    ]);
    expect(textOf(theirs[0])).toContain("From the task's completion");

    // The platform admin sees the completion's file by name, with no link, and gets 403 for it.
    const admin = portalAgent(test);
    await signIn(admin, 'admin@portal.example');
    const adminRows = rowsOf((await admin.get(evidencePage).expect(200)).text);
    const adminKept = adminRows.find((r) => r.includes('data-completion="true"')) as string;
    expect(textOf(adminKept)).toContain('説明会資料.pdf');
    expect(adminKept).not.toContain('/evidence/');
    expect((await admin.get(`/evidence/${completion.id}`)).status).toBe(403);
    // Another tenant: the step's evidence page is the 404 page.
    const stranger = portalAgent(test);
    await signIn(stranger, 'security@northwind.example');
    expect((await stranger.get(evidencePage)).status).toBe(404);
  });

  it('lists endpoints set apart on the waves page and records a wave’s deployment and a CSV', async () => {
    await test
      .http()
      .post(`/api/engagements/${engagementId}/endpoints/import`)
      .set('Authorization', await tokens.for('it-jp@sakura.example'))
      .attach('file', Buffer.from(INVENTORY), 'inventory.csv')
      .expect(200);
    const list = await test
      .http()
      .get(`/api/engagements/${engagementId}/endpoints?q=tky-old`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    await test
      .http()
      .post(`/api/engagements/${engagementId}/endpoint-decisions`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .send({ kind: 'exclude', endpointIds: [list.body.items[0].id], note: '3 月に廃棄予定' })
      .expect(201);
    const leadToken = await tokens.for('lead@mdr.example');
    await test
      .http()
      .post(`/api/engagements/${engagementId}/groups`)
      .set('Authorization', leadToken)
      .send({
        name: 'Office PCs',
        kind: 'production',
        priority: 20,
        rule: { type: ['client'] },
        policy: {
          mode: 'detect',
          quarantine: false,
          updates: 'automatic',
          maxConcurrentUpdates: 2,
        },
      })
      .expect(201);
    await test
      .http()
      .put(`/api/engagements/${engagementId}/sites/Tokyo`)
      .set('Authorization', leadToken)
      .send({
        linkMbps: 100,
        updateSharePercent: 20,
        peakUseMbps: 60,
        packageSizeMb: 150,
        downloadMbps: 2,
      })
      .expect(200);

    const wavesPath = `/engagements/${engagementId}/waves`;
    const page = await itStaff.get(wavesPath).expect(200);
    const text = textOf(page.text);
    expect(text).toContain('tky-old-01 Tokyo 方針により対象外 3 月に廃棄予定');
    expect(text).toContain('対象端末 3 台のうち展開済み 0 台・免除 0 台・失敗 0 台・未記録 3 台');
    // Customer IT may record but not excuse.
    expect(page.text).toContain('<option value="failed">失敗</option>');
    expect(page.text).not.toContain('<option value="excused">');
    expect(page.text).toMatch(/name="hostnames"[^>]*>tky-pc-01\ntky-pc-02<\/textarea>/);

    const token = csrfTokenIn(page.text);
    await itStaff
      .post(`${wavesPath}/deployment`)
      .type('form')
      .send({
        _csrf: token,
        form: 'deployment:Tokyo:1',
        hostnames: 'tky-pc-01\ntky-pc-02',
        status: 'deployed',
        reason: '',
      })
      .expect(303);
    const refused = await itStaff.post(`${wavesPath}/deployment`).type('form').send({
      _csrf: token,
      form: 'deployment:Tokyo:2',
      hostnames: 'tky-old-01',
      status: 'deployed',
      reason: '',
    });
    expect(refused.status).toBe(400);
    expect(textOf(refused.text)).toContain('hostnames: tky-old-01');
    const excuse = await itStaff.post(`${wavesPath}/deployment`).type('form').send({
      _csrf: token,
      form: 'deployment:Tokyo:2',
      hostnames: 'tky-pc-03',
      status: 'excused',
      reason: 'on leave',
    });
    expect(excuse.status).toBe(403);

    const noToken = await itStaff
      .post(`${wavesPath}/deployment/import`)
      .attach('file', Buffer.from('hostname,status\ntky-pc-03,failed\n'), 'd.csv');
    expect(noToken.status).toBe(403);
    await itStaff
      .post(`${wavesPath}/deployment/import`)
      .field('_csrf', token)
      .attach(
        'file',
        Buffer.from('hostname,status,reason\ntky-pc-03,failed,installer timed out\n'),
        'd.csv',
      )
      .expect(303);
    expect(textOf((await itStaff.get(wavesPath).expect(200)).text)).toContain(
      '対象端末 3 台のうち展開済み 2 台・免除 0 台・失敗 1 台・未記録 0 台',
    );
    // The account manager reads the page without the forms.
    const am = portalAgent(test);
    await signIn(am, 'am@mdr.example');
    const amPage = await am.get(wavesPath).expect(200);
    expect(amPage.text).toContain(
      '2 of 3 in-scope endpoints deployed · 0 excused · 1 failed · 0 not recorded',
    );
    expect(amPage.text).not.toContain('data-testid="deployment-record"');
  });

  it('says on the step and in the message why a measured task cannot be completed yet', async () => {
    await driveUntilOpen(
      test,
      tokens,
      onboardingId,
      engagementId,
      'sensor_deployment_completed',
      steps,
      drive,
    );
    const page = await itStaff.get(path()).expect(200);
    const card = cardOf(page.text, 'sensor_deployment_completed');
    expect(textOf(card)).toContain(
      '対象端末 3 台のうち 1 台が展開済みでも免除でもありません（失敗 1、未記録 0）。例：tky-pc-03',
    );
    const token = csrfTokenIn(page.text);
    await itStaff
      .post(completePath('sensor_deployment_completed'))
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    expect(textOf((await itStaff.get(path()).expect(200)).text)).toContain(
      '「センサー展開の完了」はまだ完了にできません：対象端末 3 台のうち 1 台が展開済みでも免除でもありません',
    );
    expect(await written('sensor_deployment_completed')).toBe(0);
  }, 120_000);
});
