import type { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The urgent-approval banner in real Chromium: a response action waits for Sakura's security lead;
// the banner follows them to another page with the time left, its link takes them to the decision,
// and once decided the banner is gone. Another customer's security lead never sees it.
describe('urgent-approval banner in Chromium', () => {
  let sink: SmtpSink;
  let test: TestApp;
  let h: IncidentHarness;
  let browser: Browser;
  let baseUrl: string;
  let engagementId: string;
  let sessions: BrowserSessions;

  beforeAll(async () => {
    sink = await startSmtpSink();
    test = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(test, sink);
    engagementId = await h.engagementId();
    await h.startSakuraService(engagementId);
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
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

  it('follows the addressee to another page with the time left, leads to the decision, and is gone once decided; absent for another tenant', async () => {
    const base = `/api/engagements/${engagementId}/incidents`;
    const opened = await h.call('lead@mdr.example', 'post', base, {
      title: 'Ransomware on SK-PC-0800',
      severity: 'critical',
      host: 'sk-pc-0800',
    });
    expect(opened.status).toBe(201);
    const requested = await h.call(
      'lead@mdr.example',
      'post',
      `${base}/${opened.body.id}/actions`,
      {
        action: 'isolate_host',
        target: 'sk-pc-0800',
        reason: 'encryption under way',
      },
    );
    expect(requested.body.status).toBe('awaiting_customer');
    const actionId = requested.body.id as string;
    const deadline = new Date(requested.body.timeoutAt as string);
    const incidentUrl = `${baseUrl}/engagements/${engagementId}/incidents/${opened.body.id}`;

    const other = await sessions.signIn('security@northwind.example', 'en-GB', TEST_PASSWORD);
    expect(await other.page.getByTestId('urgent-approvals').count()).toBe(0);

    const customer = await sessions.signIn('security@sakura.example', 'ja-JP', TEST_PASSWORD);
    // Not a line among the home page's tasks only: the banner is on any page, e.g. the account.
    await customer.page.goto(`${baseUrl}/account`);
    const banner = customer.page.getByTestId('urgent-approvals');
    expect(await banner.isVisible()).toBe(true);
    const item = banner.getByTestId('urgent-approval');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('sk-pc-0800');
    expect(await item.getByTestId('urgent-approval-left').textContent()).toMatch(/^残り \d/);
    expect(await item.locator('time').getAttribute('datetime')).toBe(deadline.toISOString());
    await screenshot(customer.page, 'urgent-approval-00-banner-ja');

    await Promise.all([
      customer.page.waitForURL(`${incidentUrl}#action-${actionId}`),
      item.getByTestId('urgent-approval-decide').click(),
    ]);
    const action = customer.page.locator(`#action-${actionId}`);
    expect(await action.getAttribute('data-status')).toBe('awaiting_customer');
    await action.getByTestId('step-up-password').first().fill(TEST_PASSWORD);
    await Promise.all([
      customer.page.waitForURL(`${incidentUrl}?done=approved`),
      action.getByTestId('approve-action').click(),
    ]);
    expect(await customer.page.locator(`#action-${actionId}`).getAttribute('data-status')).toBe(
      'executed',
    );
    expect(await customer.page.getByTestId('urgent-approvals').count()).toBe(0);
    await customer.page.goto(`${baseUrl}/account`);
    expect(await customer.page.getByTestId('urgent-approvals').count()).toBe(0);
    await screenshot(customer.page, 'urgent-approval-01-decided-ja');
    expect(customer.problems).toEqual([]);
    expect(other.problems).toEqual([]);
  });
});
