import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext } from 'playwright-core';
import { csv, SAMPLE_ROWS } from '../rollout/support/inventory-csv';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The provider's analyst uploads the inventory through the real form (multipart, CSRF token
// as its first field) in Chromium, reads the report and the chart, and filters by keyboard.
describe('inventory page in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let engagementId: string;
  const contexts: BrowserContext[] = [];
  const files = mkdtempSync(join(tmpdir(), 'inventory-upload-'));

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    engagementId = await sakuraEngagementId(test, new Tokens(test));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await test?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('uploads a CSV with a bad row, shows the report and the chart, and filters by keyboard', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/login`);
    await page.locator('#email').pressSequentially('analyst@mdr.example');
    await page.locator('#password').pressSequentially(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);

    await page.goto(`${baseUrl}/engagements/${engagementId}/inventory`);
    expect(await page.getByTestId('inventory-empty').count()).toBe(1);
    const file = join(files, 'endpoints.csv');
    writeFileSync(file, csv([...SAMPLE_ROWS, 'bad-1,desktop,windows,10.0.26100,,Tokyo,JP,,']));
    await page.setInputFiles('#inventory-file', file);
    await page.getByLabel('Import the good rows and skip the bad ones').check();
    await Promise.all([
      page.waitForURL(`${baseUrl}/engagements/${engagementId}/inventory/import`),
      page.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);

    const report = page.getByTestId('import-report');
    expect((await report.getByTestId('import-imported').innerText()).trim()).toBe(
      '7 endpoints imported from 8 rows: 7 new, 0 updated, 0 unchanged.',
    );
    expect(
      (await report.locator('tr[data-line="9"]').innerText()).replace(/\s+/g, ' ').trim(),
    ).toBe('9 type “desktop” must be one of client, server');
    const chart = page.getByRole('img', { name: /^Support status by OS family\./ });
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('rect[data-status="unsupported"]').count()).toBe(2);
    expect(await page.getByTestId('endpoint-row').count()).toBe(7);
    await page.screenshot({
      path: join(SCREENSHOTS, 'inventory-01-import-report-and-chart.png'),
      fullPage: true,
    });

    // The filter form by keyboard alone: choose Linux in the OS family select, submit with Enter.
    await page.locator('#f-family').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-family').inputValue()).toBe('linux');
    await page.locator('#f-q').focus();
    await page.keyboard.type('sh-srv');
    await Promise.all([
      page.waitForURL(/\/inventory\?site=&country=&type=&osFamily=linux&supportStatus=&q=sh-srv$/),
      page.keyboard.press('Enter'),
    ]);
    const hosts = await page
      .getByTestId('endpoint-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hostname')));
    expect(hosts).toEqual(['sh-srv-001', 'sh-srv-002']);
    expect(await page.locator('#f-family').inputValue()).toBe('linux');
    await page.screenshot({ path: join(SCREENSHOTS, 'inventory-02-filtered.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
