import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { insertEndpoints } from '../rollout-groups/support/planning-fixtures';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The roll-out planning pages in real Chromium: an analyst creates a group and edits its policy
// with the keyboard only, sets a site's bandwidth and reads the waves; the customer reads them.
describe('roll-out planning pages in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let engagementId: string;
  let sessions: BrowserSessions;
  const signedIn = (email: string, locale: string) => sessions.signIn(email, locale, TEST_PASSWORD);
  const shot = screenshot;
  /** Focuses a field as the keyboard would reach it, then types. */
  const typeInto = async (page: Page, selector: string, text: string) => {
    await page.focus(selector);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  };

  /** Enter in the focused field submits its form; resolves once the next page (the redirect's target) has loaded. */
  const submitWithEnter = async (page: Page, path: string) => {
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(page.url()).toBe(`${baseUrl}${path}`);
  };

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
    engagementId = await sakuraEngagementId(test, new Tokens(test));
    await insertEndpoints(test, engagementId, [
      { hostname: 'pc-tokyo-1' },
      { hostname: 'pc-tokyo-2' },
      { hostname: 'pc-tokyo-3' },
      { hostname: 'srv-tokyo-1', type: 'server' },
    ]);
  });
  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await test?.close();
  });

  it('an analyst creates a group and sets its policy through the forms with the keyboard, then sizes the waves', async () => {
    const { page, problems } = await signedIn('analyst@mdr.example', 'en-GB');
    await page.goto(`${baseUrl}/engagements/${engagementId}/groups`);
    expect(await page.getByTestId('groups-empty').isVisible()).toBe(true);
    await shot(page, 'planning-00-groups-empty-en');

    // The tabs are reached by Tab from the top of the page.
    let reachedTabs = false;
    for (let i = 0; i < 30 && !reachedTabs; i += 1) {
      await page.keyboard.press('Tab');
      reachedTabs =
        (await page.evaluate("document.activeElement.closest('nav.protection-tabs') !== null")) ===
        true;
    }
    expect(reachedTabs).toBe(true);

    await typeInto(page, '#create-name', 'Tokyo clients');
    await page.focus('#create-priority');
    await page.keyboard.type('10');
    await page.focus('form[data-testid="create-group"] input[name="typeClient"]');
    await page.keyboard.press('Space');
    await typeInto(page, '#create-sites', 'Tokyo');
    await page.focus('#create-policy-updates');
    await page.keyboard.press('ArrowUp');
    await typeInto(page, '#create-policy-max', '2');
    await submitWithEnter(page, `/engagements/${engagementId}/groups`);
    const row = page.getByTestId('group-row');
    expect(await row.count()).toBe(1);
    expect(await page.getByTestId('rule-text').innerText()).toBe('clients, at Tokyo');
    expect(await page.getByTestId('policy-text').innerText()).toBe(
      'Detect mode · quarantine off · Automatic updates · at most 2 at once',
    );

    // Open the group's editor from the keyboard and change the policy.
    await page.focus('details.planning-edit summary');
    await page.keyboard.press('Enter');
    const maxField = page.locator('details.planning-edit input[name="maxConcurrentUpdates"]');
    expect(await maxField.isVisible()).toBe(true);
    await maxField.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await shot(page, 'planning-01-group-policy-form-en');
    await submitWithEnter(page, `/engagements/${engagementId}/groups`);
    expect(await page.getByTestId('policy-text').innerText()).toContain('at most 3 at once');
    expect(await page.getByTestId('check-group_coverage_check').innerText()).toContain(
      '1 endpoint(s) are in no group: srv-tokyo-1',
    );
    await shot(page, 'planning-02-groups-en');

    await page.getByRole('link', { name: 'Update waves' }).click();
    await page.waitForURL(`${baseUrl}/engagements/${engagementId}/waves`);
    await typeInto(page, '#site-0-link', '100');
    await typeInto(page, '#site-0-share', '20');
    await typeInto(page, '#site-0-peak', '60');
    await typeInto(page, '#site-0-package', '150');
    await typeInto(page, '#site-0-rate', '2');
    await submitWithEnter(page, `/engagements/${engagementId}/waves`);
    expect(await page.getByTestId('site-capacity').innerText()).toBe(
      'Free 40 Mbps · update budget 8 Mbps · max concurrent downloads: 4',
    );
    // Three clients in chunks of the policy's 3: one wave of 3 × 150 MB × 8 / 8 Mbps = 450 s.
    const waves = page.getByTestId('wave');
    expect(await waves.count()).toBe(1);
    expect((await waves.first().innerText()).split('\t')).toEqual([
      '1',
      'Tokyo clients',
      '3',
      'pc-tokyo-1, pc-tokyo-2, pc-tokyo-3',
      '7.5',
      '0 of 3 deployed · 0 excused · 0 failed',
    ]);
    expect(await page.getByTestId('waves-warnings').innerText()).toContain(
      '1 endpoint(s) are in no single group and are in no wave',
    );
    await shot(page, 'planning-03-waves-en');
    expect(problems).toEqual([]);
  });

  it('the customer security lead reads the waves and the mode switch page in Japanese, without forms', async () => {
    const { page, problems } = await signedIn('security@sakura.example', 'ja-JP');
    await page.goto(`${baseUrl}/engagements/${engagementId}/waves`);
    expect(await page.getByTestId('waves-total').innerText()).toBe('合計の見込み：7.5分');
    expect(await page.locator('input[name="linkMbps"]').count()).toBe(0);
    await shot(page, 'planning-04-waves-ja');
    await page.getByRole('link', { name: 'モード切り替え' }).click();
    await page.waitForURL(`${baseUrl}/engagements/${engagementId}/mode-switches`);
    expect(await page.getByTestId('tuning-period').innerText()).toContain(
      '最低チューニング期間：30日',
    );
    expect(await page.getByTestId('not-ready').innerText()).toContain(
      '最低チューニング期間（30日）があと30日残っています',
    );
    await shot(page, 'planning-05-mode-switch-ja');
    expect(problems).toEqual([]);
  });
});
