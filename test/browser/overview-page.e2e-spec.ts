import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The account manager's journey in real Chromium: sign in, open the overview from the
// navigation, sort by a column header, reach the sort links with the keyboard, open an onboarding.
describe('overview page in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let baseUrl: string;
  let sakura: string;

  const customers = (page: Page): Promise<string[]> =>
    page.getByTestId('overview-open').allInnerTexts();
  const shot = (page: Page, name: string): Promise<Buffer> =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    const tokens = new Tokens(test);
    sakura = await createSakuraOnboarding(test, tokens, '2027-06-01');
    const lead = await tokens.for('lead@mdr.example');
    const engagements = await test
      .http()
      .get('/api/engagements')
      .set('Authorization', lead)
      .expect(200);
    const northwind = engagements.body.items.find(
      (e: { customerName: string }) => e.customerName === 'Northwind Retail',
    ).id;
    await test
      .http()
      .post('/api/onboardings')
      .set('Authorization', lead)
      .send({
        engagementId: northwind,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-03-01',
      })
      .expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await test?.close();
  });

  it('signs in, sorts by the keyboard-reachable headers and opens an onboarding, with no console errors', async () => {
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/login`);
    await page.locator('#email').pressSequentially('am@mdr.example');
    await page.locator('#password').pressSequentially(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);

    await Promise.all([
      page.waitForURL(`${baseUrl}/overview`),
      page.getByTestId('nav-overview').click(),
    ]);
    expect(await page.getByTestId('overview-row').count()).toBe(2);
    expect(await page.locator('[data-testid="chart-phase"] svg[role="img"]').count()).toBe(1);
    await shot(page, 'overview-am');

    // Sort by customer with the mouse: ascending, then the same header again: descending.
    await Promise.all([
      page.waitForURL(/sort=customer&direction=asc/),
      page.locator('a[data-sort="customer"]').click(),
    ]);
    expect(await customers(page)).toEqual(['Northwind Retail', 'Sakura Manufacturing']);
    expect(await page.locator('th:has(a[data-sort="customer"])').getAttribute('aria-sort')).toBe(
      'ascending',
    );

    // The keyboard reaches the sort links: tab until the customer header link has focus.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached =
        (await page.evaluate(
          'document.activeElement && document.activeElement.getAttribute("data-sort")',
        )) === 'customer';
    }
    expect(reached).toBe(true);
    await Promise.all([
      page.waitForURL(/sort=customer&direction=desc/),
      page.keyboard.press('Enter'),
    ]);
    expect(await customers(page)).toEqual(['Sakura Manufacturing', 'Northwind Retail']);
    expect(await page.locator('th:has(a[data-sort="customer"])').getAttribute('aria-sort')).toBe(
      'descending',
    );
    await shot(page, 'overview-am-sorted');

    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings/${sakura}`),
      page.getByRole('link', { name: 'Sakura Manufacturing' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toContain('Sakura Manufacturing');
    await shot(page, 'overview-am-opened');
    expect(problems).toEqual([]);
  });
});
