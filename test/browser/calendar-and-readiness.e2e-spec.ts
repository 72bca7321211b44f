import { Browser, Page } from 'playwright-core';
import ICAL from 'ical.js';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { freePort } from '../support/spawn-portal';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * In real Chromium, Sakura's security lead (Japanese) finds the calendar feed on her account
 * page, creates the link, a calendar app (plain HTTP, no cookie) reads it, and she revokes it;
 * then she opens the readiness summary from the onboarding page and downloads its PDF.
 */
describe('calendar feed and readiness summary in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let sessions: BrowserSessions;
  let baseUrl: string;
  let onboardingId: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    test = await startTestApp({ seed: true, env: { PUBLIC_URL: baseUrl } });
    onboardingId = await createSakuraOnboarding(test, new Tokens(test), '2027-06-01');
    await test.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
    ({ page, problems } = await sessions.signIn('security@sakura.example', 'ja-JP', TEST_PASSWORD));
  });
  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await test?.close();
  });

  it('creates the feed link from the account page, which a calendar reads, and revokes it', async () => {
    await page.goto(`${baseUrl}/account`);
    await Promise.all([
      page.waitForURL(`${baseUrl}/account/calendar`),
      page.getByTestId('calendar-link').click(),
    ]);
    await page.getByTestId('calendar-issue').click();
    const url = (await page.getByTestId('calendar-url').textContent())?.trim() as string;
    expect(url).toMatch(new RegExp(`^${baseUrl}/calendar/mdrc_[A-Za-z0-9_-]{43}\\.ics$`));
    await screenshot(page, 'calendar-link-issued');
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const uids = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid);
    expect(uids).toContain(`service-start-${onboardingId}@mdr-portal`);
    // Back on the page, the link is live and is not shown again.
    await page.goto(`${baseUrl}/account/calendar`);
    expect(await page.getByTestId('calendar-url').count()).toBe(0);
    await page.getByTestId('calendar-revoke').click();
    await page.getByTestId('calendar-notice').waitFor();
    expect(await page.getByTestId('calendar-issue').count()).toBe(1);
    expect((await fetch(url)).status).toBe(404);
    expect(problems).toEqual([]);
  });

  it('opens the readiness summary from the onboarding page and downloads its PDF', async () => {
    await page.goto(`${baseUrl}/onboardings/${onboardingId}`);
    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings/${onboardingId}/readiness`),
      page.getByTestId('onboarding-readiness').click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('準備状況サマリー：Sakura Manufacturing');
    expect(await page.getByTestId('readiness-waiting').isVisible()).toBe(true);
    await screenshot(page, 'readiness-summary');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('readiness-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`onboarding-${onboardingId}-readiness.pdf`);
    expect(problems).toEqual([]);
  });
});
