import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * The roles whose main journey no other browser test walks: the customer's country IT staff
 * (tasks from the home page, in Japanese) and the platform administrator. Signed in and driven
 * by keyboard only, screenshots kept, nothing reported wrong by the browser.
 */
describe('role journeys in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];

  async function signInByKeyboard(
    email: string,
    locale: string,
  ): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/login`);
    await page.locator('#email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);
    return { page, problems };
  }

  const shot = (page: Page, name: string): Promise<Buffer> =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    await createSakuraOnboarding(test, new Tokens(test), '2027-06-01');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await test?.close();
  });

  it('country IT staff complete their task from the home page in Japanese, and the next one opens', async () => {
    const { page, problems } = await signInByKeyboard('it-jp@sakura.example', 'ja-JP');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    const waiting = page.getByTestId('waiting-item');
    expect(
      await waiting.evaluateAll((items) => items.map((i) => i.getAttribute('data-step'))),
    ).toContain('endpoint_inventory');
    await shot(page, 'journey-it-01-home-ja');

    const complete = page.locator(
      'li[data-step="endpoint_inventory"] button[data-action="complete"]',
    );
    await complete.focus();
    expect(await complete.evaluate((button) => button.matches(':focus'))).toBe(true);
    // The form posts and comes back to the home page (the same URL), without the finished task.
    await page.keyboard.press('Enter');
    await page.locator('li[data-step="endpoint_inventory"]').waitFor({ state: 'detached' });
    await page.waitForLoadState('load');
    const steps = await page
      .getByTestId('waiting-item')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-step')));
    expect(steps).not.toContain('endpoint_inventory');
    // The tasks that depended on the inventory open for the same person.
    expect(steps).toContain('bandwidth_survey');
    await shot(page, 'journey-it-02-next-task-ja');
    expect(problems).toEqual([]);
  });

  it('the platform administrator sees every organisation and engagement', async () => {
    const { page, problems } = await signInByKeyboard('admin@portal.example', 'en-GB');
    expect(Number(await page.getByTestId('organisation-count').innerText())).toBeGreaterThanOrEqual(
      3,
    );
    expect(Number(await page.getByTestId('engagement-count').innerText())).toBe(2);
    // Keyboard: the skip link is the first stop and leads to the main content.
    await page.keyboard.press('Tab');
    const first = await page.locator(':focus').getAttribute('href');
    expect(first).toBe('#main');
    await shot(page, 'journey-admin-01-home');
    expect(problems).toEqual([]);
  });
});
