import type { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The notification pages in real Chromium: a customer's security lead chooses the digest for
// reminders and turns comments off (the security-relevant kinds are shown locked), and a
// provider lead adds a Slack channel to Sakura's engagement, refused first for an http URL.
describe('notification settings and channels in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let sessions: BrowserSessions;
  let baseUrl: string;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
  });

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await test?.close();
  });

  it('saves a person’s choices, with the mandatory kinds locked', async () => {
    const { page, problems } = await sessions.signIn(
      'security@sakura.example',
      'ja-JP',
      TEST_PASSWORD,
    );
    await page.goto(`${baseUrl}/account`);
    await page.getByTestId('notifications-link').click();
    await page.waitForURL(`${baseUrl}/account/notifications`);
    expect(await page.locator('h1').innerText()).toBe('通知設定');
    expect(await page.locator('#delivery-escalation').isDisabled()).toBe(true);
    expect(await page.locator('#delivery-signature_request').isDisabled()).toBe(true);
    await page.locator('#delivery-reminder').selectOption('digest');
    await page.locator('#delivery-comment').selectOption('off');
    await page.locator('#digestHour').selectOption('8');
    await Promise.all([
      page.waitForURL(`${baseUrl}/account/notifications`),
      page.getByRole('button', { name: '通知設定を保存' }).click(),
    ]);
    expect(await page.getByTestId('flash').innerText()).toContain('保存');
    expect(await page.locator('#delivery-reminder').inputValue()).toBe('digest');
    expect(await page.locator('#delivery-comment').inputValue()).toBe('off');
    expect(await page.locator('#delivery-step_opened').inputValue()).toBe('immediate');
    expect(await page.locator('#digestHour').inputValue()).toBe('8');
    await screenshot(page, 'notifications-01-settings-ja');
    expect(problems).toEqual([]);
  });

  it('adds a Slack channel after an http URL is refused, and shows only a hint of the URL', async () => {
    const { page, problems } = await sessions.signIn('lead@mdr.example', 'en-GB', TEST_PASSWORD);
    await page.getByTestId('engagement-channels').first().click();
    await page.waitForURL(/\/notification-channels$/);
    expect(await page.getByTestId('no-channels').isVisible()).toBe(true);
    await page.getByLabel('Name').fill('#sakura-mdr');
    await page
      .getByLabel('Incoming webhook URL')
      .fill('http://hooks.slack.com/services/T0/B0/secretPart');
    await page.getByRole('button', { name: 'Add channel' }).click();
    expect(await page.getByTestId('channels-problem').innerText()).toContain(
      'This webhook URL is refused',
    );
    expect(await page.getByLabel('Name').inputValue()).toBe('#sakura-mdr');
    await page
      .getByLabel('Incoming webhook URL')
      .fill('https://127.0.0.1:9/services/T0/B0/secretPart');
    await Promise.all([
      page.waitForURL(/\/notification-channels$/),
      page.getByRole('button', { name: 'Add channel' }).click(),
    ]);
    const row = page.getByTestId('channel-row');
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('127.0.0.1:9/…Part');
    expect(await page.content()).not.toContain('secretPart');
    await screenshot(page, 'notifications-02-channels-en');
    // The refused form answered 400, which the browser reports; nothing else went wrong.
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
  });
});
