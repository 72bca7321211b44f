// date-sensitive: SLA compliance and MTTA/MTTR figures (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { pdfText, squash } from '../agreements/support/pdf-text';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { IncidentHarness } from './support/incident-harness';

/*
 * Known data under the sample agreement (SLA critical 15/60 min, high 30/120, low 480/1440; service
 * language Japanese): A (critical) acknowledged at 10 min, responded at 30, resolved at 120; B
 * (high) acknowledged late at 40 min (a breach), responded at 100, resolved at 200; C (low) open.
 */
const MINUTE = 60_000;
const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';
const T0 = new Date('2030-12-02T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe('incidents: closure report and metrics', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let engagementId: string;
  let base: string;
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  const ok = async (email: string, method: 'get' | 'post', path: string, body: object = {}) => {
    const response = await h.call(email, method, path, body);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const raw = async (email: string, path: string) =>
    t
      .http()
      .get(path)
      .set('Authorization', await h.tokens.for(email))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    engagementId = await h.engagementId();
    base = `/api/engagements/${engagementId}/incidents`;
    await h.startSakuraService(engagementId);
    h.travel(T0);
    ids.a = (
      await ok(LEAD, 'post', base, { title: 'Ransomware on sk-pc-0042', severity: 'critical' })
    ).id;
    ids.b = (await ok(LEAD, 'post', base, { title: 'Suspicious PowerShell', severity: 'high' })).id;
    ids.c = (await ok(LEAD, 'post', base, { title: 'Adware', severity: 'low' })).id;
    h.travel(at(10));
    await ok(LEAD, 'post', `${base}/${ids.a}/acknowledge`);
    const isolate = await ok(LEAD, 'post', `${base}/${ids.a}/actions`, {
      action: 'isolate_host',
      target: 'sk-pc-0042',
    });
    await ok(LEAD, 'post', `${base}/${ids.a}/actions`, {
      action: 'kill_process',
      target: 'evil.exe',
    });
    await ok(LEAD, 'post', `${base}/${ids.a}/actions`, {
      action: 'disable_account',
      target: 'taro',
    });
    await ok(SECURITY, 'post', `${base}/${ids.a}/actions/${isolate.id}/approve`, {
      password: TEST_PASSWORD,
    });
    h.travel(at(30));
    await ok(LEAD, 'post', `${base}/${ids.a}/respond`);
    h.travel(at(40));
    await ok(LEAD, 'post', `${base}/${ids.b}/acknowledge`);
    h.travel(at(100));
    await ok(LEAD, 'post', `${base}/${ids.b}/respond`);
    h.travel(at(120));
    await ok(LEAD, 'post', `${base}/${ids.a}/status`, { status: 'resolved' });
    h.travel(at(200));
    await ok(LEAD, 'post', `${base}/${ids.b}/status`, { status: 'resolved' });
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('computes the metrics in SQL from the known data', async () => {
    const metrics = await ok(SECURITY, 'get', `/api/engagements/${engagementId}/incident-metrics`);
    // The clock keeps running after each travel, so each request lands a little after its
    // minute: the means are exact to within a few seconds of the planned 25 and 160 minutes.
    const { meanTimeToAcknowledgeSeconds, meanTimeToResolveSeconds, ...rest } = metrics;
    expect(Math.abs(meanTimeToAcknowledgeSeconds - 25 * 60)).toBeLessThanOrEqual(5);
    expect(Math.abs(meanTimeToResolveSeconds - 160 * 60)).toBeLessThanOrEqual(5);
    expect(rest).toEqual({
      engagementId,
      incidents: 3,
      slaCompliancePercent: { acknowledge: 50, respond: 100, overall: 75 },
      bySeverity: { critical: 1, high: 1, medium: 0, low: 1 },
    });
    expect(
      (
        await h.call(
          'security@northwind.example',
          'get',
          `/api/engagements/${engagementId}/incident-metrics`,
        )
      ).status,
    ).toBe(404);
  });

  it('reports a resolved incident in the service language: SLA met, and who asked, authorised or declined each action and how', async () => {
    const response = await raw(SECURITY, `${base}/${ids.a}/report?format=html`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = (response.body as Buffer).toString('utf8');
    expect(html).toContain('インシデント終結報告書: Ransomware on sk-pc-0042');
    expect(html).toContain('すべての SLA タイマーを達成しました。');
    expect(html.match(/<td>達成<\/td>/g)).toHaveLength(2);
    expect(html).toContain('事前承認（合意により承認済み）');
    expect(html).toContain('推奨のみ（未実施）');
    expect(html).toContain('ポータルで判断');
    const names: { lead: string; security: string }[] = await t.dataSource.query(
      `SELECT (SELECT display_name FROM app_user WHERE email = $1) AS lead, (SELECT display_name FROM app_user WHERE email = $2) AS security`,
      [LEAD, SECURITY],
    );
    expect(html).toContain(`${names[0].security} (2030/12/02 11:10 JST)`);
    expect(html).toContain(`${names[0].lead} (2030/12/02 11:10 JST)`);
    // The timeline is worded in the report's language; the code stays only as markup (data-type).
    const text = html.replace(/<[^>]*>/g, ' ');
    expect(text).toContain('エスカレーション先に通知');
    expect(text).toContain('状態変更');
    expect(text).not.toMatch(/escalation_notified|status_changed/);
    expect(html).toContain('<tr data-type="escalation_notified">');
    expect(html).toContain('<tr data-type="status_changed">');
    expect(html).toContain('<tr><th>状態</th><td>解決済み</td></tr>');
  });

  it('reports a missed SLA timer, also in the PDF', async () => {
    const html = (await raw(LEAD, `${base}/${ids.b}/report`)).body.toString('utf8');
    expect(html).toContain('未達の SLA タイマーがあります。');
    expect(html).toMatch(
      /受領確認<\/td><td>2030\/12\/02 11:30 JST<\/td><td>2030\/12\/02 11:40 JST<\/td><td>未達/,
    );
    const pdf = await raw(LEAD, `${base}/${ids.b}/report?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const parsed = await pdfText(pdf.body as Buffer);
    const text = squash(parsed.text);
    expect(text).toContain(squash('インシデント終結報告書'));
    expect(text).toContain('SuspiciousPowerShell');
    expect(text).toContain('未達');
    expect(text).toContain('達成');
  });

  it('has no report before the incident is resolved (409), and none for another tenant (404)', async () => {
    const early = await h.call(LEAD, 'get', `${base}/${ids.c}/report`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/resolved or closed/);
    expect(
      (await h.call('security@northwind.example', 'get', `${base}/${ids.a}/report`)).status,
    ).toBe(404);
    expect((await h.call(LEAD, 'get', `${base}/${ids.a}/report?format=doc`)).status).toBe(400);
  });
});
