import type { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The incident pages in real Chromium: the provider lead opens an incident and requests an
// isolation (collaborate: waits for the customer); the security lead finds it on the home page
// and approves it. No console errors on any page.
describe('incident page in Chromium', () => {
  let sink: SmtpSink;
  let test: TestApp;
  let h: IncidentHarness;
  let browser: Browser;
  let baseUrl: string;
  let engagementId: string;
  let sessions: BrowserSessions;
  const signedIn = (email: string, locale: string) => sessions.signIn(email, locale, TEST_PASSWORD);
  const shot = screenshot;

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
  });
  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await h?.close();
    await test?.close();
    await sink?.stop();
  });

  it('the provider requests an isolation; the security lead approves it from the home page', async () => {
    const provider = await signedIn('lead@mdr.example', 'en-GB');
    await Promise.all([
      provider.page.waitForLoadState('load'),
      provider.page.getByTestId('engagement-incidents').first().click(),
    ]);
    expect(provider.page.url()).toBe(`${baseUrl}/engagements/${engagementId}/incidents`);
    await provider.page.fill('#open-title', 'Ransomware beacon on SK-PC-0300');
    await provider.page.selectOption('#open-severity', 'critical');
    await provider.page.fill('#open-host', 'sk-pc-0300');
    await Promise.all([
      provider.page.waitForURL(/\/incidents\/[0-9a-f-]{36}\?done=opened$/),
      provider.page.click('form[data-testid="open-incident"] button[type="submit"]'),
    ]);
    const incidentUrl = provider.page.url().replace(/\?done=opened$/, '');
    await provider.page.selectOption('#action-action', 'isolate_host');
    await provider.page.fill('#action-target', 'sk-pc-0300');
    await provider.page.selectOption('#action-target-type', 'host');
    await provider.page.fill('#action-reason', 'C2 beacon');
    await Promise.all([
      provider.page.waitForURL(`${incidentUrl}?done=requested`),
      provider.page.click('form[data-testid="request-action"] button[type="submit"]'),
    ]);
    const requested = provider.page.getByTestId('incident-action').first();
    expect(await requested.getAttribute('data-status')).toBe('awaiting_customer');
    expect(await requested.getByTestId('action-status').textContent()).toContain(
      "Waiting for the customer's approval",
    );
    await shot(provider.page, 'incident-00-requested-en');

    const customer = await signedIn('security@sakura.example', 'ja-JP');
    const pending = customer.page.getByTestId('pending-approvals-home');
    expect(await pending.isVisible()).toBe(true);
    await shot(customer.page, 'incident-01-home-pending-ja');
    await Promise.all([
      customer.page.waitForURL(incidentUrl),
      pending.locator('a').first().click(),
    ]);
    await shot(customer.page, 'incident-02-awaiting-ja');
    // Approving re-authenticates: this security lead has only a password.
    await customer.page
      .getByTestId('incident-action')
      .first()
      .getByTestId('step-up-password')
      .first()
      .fill(TEST_PASSWORD);
    await Promise.all([
      customer.page.waitForURL(`${incidentUrl}?done=approved`),
      customer.page.getByTestId('approve-action').first().click(),
    ]);
    const approved = customer.page.getByTestId('incident-action').first();
    expect(await approved.getAttribute('data-status')).toBe('executed');
    expect(await approved.getByTestId('action-status').textContent()).toContain('実行済み');
    expect(await customer.page.getByTestId('incident-done').textContent()).toContain(
      '承認しました',
    );
    await shot(customer.page, 'incident-03-approved-ja');

    await provider.page.reload();
    expect(
      await provider.page.getByTestId('incident-action').first().getAttribute('data-status'),
    ).toBe('executed');
    expect(provider.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
  });
});
