import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const LOG = Buffer.from('2026-12-04T09:12:00Z sk-pc-0300 beacon to 203.0.113.7\n');
const REPORT = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

// The incident page's Evidence section in real Chromium: the browser sends the multipart form
// (CSRF token first, then the visibility and the file). The provider lead's file is internal by
// default and labelled so; the customer's security lead uploads one of theirs and sees only the
// shared files. No console errors on any page.
describe('incident evidence upload in Chromium', () => {
  let sink: SmtpSink;
  let test: TestApp;
  let h: IncidentHarness;
  let browser: Browser;
  let sessions: BrowserSessions;
  let incidentUrl: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    test = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(test, sink);
    const engagementId = await h.engagementId();
    await h.startSakuraService(engagementId);
    const opened = await h.call(
      'lead@mdr.example',
      'post',
      `/api/engagements/${engagementId}/incidents`,
      {
        title: 'Beacon on SK-PC-0300',
        severity: 'high',
      },
    );
    expect(opened.status).toBe(201);
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    incidentUrl = `${baseUrl}/engagements/${engagementId}/incidents/${opened.body.id as string}`;
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
  }, 300_000);
  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await h?.close();
    await test?.close();
    await sink?.stop();
  });

  it('the provider attaches an internal file, the customer a shared one; each sees what is theirs to see', async () => {
    const provider = await sessions.signIn('lead@mdr.example', 'en-GB', TEST_PASSWORD);
    await provider.page.goto(incidentUrl);
    const section = provider.page.getByTestId('incident-evidence');
    expect(await section.locator('input[name="visibility"][value="internal"]').isChecked()).toBe(
      true,
    );
    expect(await section.getByTestId('evidence-visibility').innerText()).toContain(
      'the customer never sees it',
    );
    await section.getByLabel('File', { exact: true }).setInputFiles({
      name: 'beacon.txt',
      mimeType: 'text/plain',
      buffer: LOG,
    });
    await Promise.all([
      provider.page.waitForURL(`${incidentUrl}#evidence`),
      section.getByRole('button', { name: 'Upload the file' }).click(),
    ]);
    const row = provider.page.getByTestId('evidence-file');
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-visibility')).toBe('internal');
    expect(await row.getByTestId('evidence-internal').innerText()).toBe('Internal');
    expect(await row.getByTestId('evidence-sha256').innerText()).toBe(sha256(LOG));
    await screenshot(provider.page, 'evidence-incident-01-internal-en');

    const customer = await sessions.signIn('security@sakura.example', 'ja-JP', TEST_PASSWORD);
    await customer.page.goto(incidentUrl);
    const theirs = customer.page.getByTestId('incident-evidence');
    expect(await theirs.getByTestId('evidence-none').isVisible()).toBe(true);
    expect(await theirs.locator('input[name="visibility"]').count()).toBe(0);
    await theirs.getByLabel('ファイル', { exact: true }).setInputFiles({
      name: '社内報告.pdf',
      mimeType: 'application/pdf',
      buffer: REPORT,
    });
    await Promise.all([
      customer.page.waitForURL(`${incidentUrl}#evidence`),
      theirs.getByRole('button', { name: 'ファイルをアップロード' }).click(),
    ]);
    const listed = customer.page.getByTestId('evidence-file');
    expect(await listed.count()).toBe(1);
    expect(await listed.getByTestId('evidence-download').innerText()).toBe('社内報告.pdf');
    expect(await listed.getByTestId('evidence-sha256').innerText()).toBe(sha256(REPORT));
    await screenshot(customer.page, 'evidence-incident-02-customer-ja');

    await provider.page.reload();
    expect(await provider.page.getByTestId('evidence-file').count()).toBe(2);
    expect([...provider.problems, ...customer.problems]).toEqual([]);
  });
});
