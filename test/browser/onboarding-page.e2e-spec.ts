import type { AddressInfo } from 'node:net';
import { Browser, Locator } from 'playwright-core';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import {
  createSakuraOnboarding,
  driveToReady,
  proposeSakuraDocuments,
  sakuraEngagementId,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}

// The onboarding page and the home's "waiting on you" list in real Chromium, for the provider
// lead (English) and the customer's security lead (Japanese), up to the start of the service.
describe('onboarding page in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let tokens: Tokens;
  let onboardingId: string;
  let sessions: BrowserSessions;
  const signedIn = (email: string, locale: string) => sessions.signIn(email, locale, TEST_PASSWORD);

  const shot = screenshot;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const address = test.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
    tokens = new Tokens(test);
    onboardingId = await createSakuraOnboarding(test, tokens, '2027-06-01');
  });

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await test?.close();
  });

  it('shows the provider lead the gate in words and no start button while steps are open', async () => {
    const { page, problems } = await signedIn('lead@mdr.example', 'en-GB');
    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings`),
      page.getByRole('link', { name: 'Onboardings', exact: true }).click(),
    ]);
    expect(await page.getByTestId('onboarding-row').count()).toBe(1);
    await shot(page, 'onboarding-00-list-en');
    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings/${onboardingId}`),
      page.getByRole('link', { name: 'Sakura Manufacturing' }).click(),
    ]);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Sakura Manufacturing');
    const verdict = await textOf(page.getByTestId('gate-verdict'));
    expect(verdict).toMatch(
      /^The service cannot start yet: \d+ required steps are not complete\.$/,
    );
    expect(await textOf(page.getByTestId('gate-lines'))).toContain(
      'Open now (2): Define the MDR service requirements, Import the endpoint inventory.',
    );
    expect(await page.getByTestId('start-service').count()).toBe(0);
    expect(await page.getByTestId('phase').count()).toBe(3);
    const inventory = page.getByTestId('blocker').filter({
      has: page.getByRole('rowheader', { name: 'Import the endpoint inventory', exact: true }),
    });
    expect(await textOf(inventory)).toContain('Country IT staff at Sakura Manufacturing');
    expect(await textOf(inventory)).toContain('鈴木 一郎');
    await shot(page, 'onboarding-01-lead-not-ready-en');
    expect(problems).toEqual([]);
  });

  it('lets the Sakura lead act from the home page in Japanese and see the step done', async () => {
    const { page, problems } = await signedIn('security@sakura.example', 'ja-JP');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    const waiting = page.getByTestId('waiting-on-you');
    expect(await textOf(waiting.getByRole('heading', { level: 2 }))).toBe('あなたの対応待ち');
    const item = page.locator('[data-testid="waiting-item"][data-step="mdr_requirements_defined"]');
    expect(await textOf(item)).toContain('MDRサービス要件の整理');
    await shot(page, 'onboarding-02-customer-home-ja');

    // By keyboard: focus the item's button and press Enter.
    const complete = item.getByRole('button', { name: /^完了にする\s*:\s*MDRサービス要件の整理$/ });
    await complete.focus();
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);
    await page.waitForSelector('[data-testid="flash"]');
    expect(await textOf(page.getByTestId('flash'))).toBe(
      '「MDRサービス要件の整理」を完了にしました。',
    );
    expect(await item.count()).toBe(0);
    await shot(page, 'onboarding-03-customer-home-after-ja');

    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings/${onboardingId}`),
      page
        .getByTestId('customer-progress')
        .getByRole('link', { name: /オンボーディングを開く/ })
        .click(),
    ]);
    const step = page.locator('#step-mdr_requirements_defined');
    expect(await textOf(step.getByTestId('step-state'))).toBe('完了');
    expect(await textOf(page.getByTestId('gate-verdict'))).toMatch(
      /^サービスはまだ開始できません：必須ステップのうち \d+ 件が完了していません。$/,
    );
    expect(await page.getByTestId('start-service').count()).toBe(0);
    expect(await textOf(page.getByTestId('history'))).toContain('実行者：佐藤 花子');
    await shot(page, 'onboarding-04-customer-onboarding-ja');
    expect(problems).toEqual([]);
  });

  it('offers the provider lead the start button once the gate is ready, and it starts the service', async () => {
    // The remaining required steps, driven through the JSON API by the people they wait on.
    const engagementId = await sakuraEngagementId(test, tokens);
    await proposeSakuraDocuments(test, tokens, engagementId);
    await driveToReady(test, tokens, onboardingId, engagementId);
    const { page, problems } = await signedIn('lead@mdr.example', 'en-GB');
    await page.goto(`${baseUrl}/onboardings/${onboardingId}`);
    expect(await textOf(page.getByTestId('gate-verdict'))).toBe(
      'Ready to start: every required step is done or waived.',
    );
    const start = page.getByRole('button', { name: 'Start the service' });
    expect(await start.isVisible()).toBe(true);
    await shot(page, 'onboarding-05-lead-ready-en');

    await Promise.all([page.waitForURL(`${baseUrl}/onboardings/${onboardingId}`), start.click()]);
    await page.waitForSelector('[data-testid="flash"]');
    expect(await textOf(page.getByTestId('flash'))).toBe('The service has started.');
    expect(await textOf(page.getByTestId('onboarding-status'))).toBe('Service started');
    expect(await textOf(page.getByTestId('gate-verdict'))).toMatch(
      /^The service started on \d+ Nov 2026, \d\d:\d\d GMT\+9\.$/,
    );
    expect(await page.getByTestId('start-service').count()).toBe(0);
    expect(await textOf(page.getByTestId('history'))).toContain('Service started');
    await shot(page, 'onboarding-06-lead-started-en');
    expect(problems).toEqual([]);
  });
});
