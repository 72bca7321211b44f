import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { join } from 'node:path';
import { BrowserSessions, launchChromium, screenshot, SCREENSHOTS } from '../support/browser';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { driveUntilOpen } from '../support/signature-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const SLIDES = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

// A task that requires evidence, completed through its card in real Chromium: the browser sends
// the multipart form (CSRF token first, then the note and the file), and both parties see it.
describe('completing a task with evidence in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let sessions: BrowserSessions;
  let onboardingId: string;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    const tokens = new Tokens(test);
    const engagementId = await sakuraEngagementId(test, tokens);
    onboardingId = await createSakuraOnboarding(test, tokens);
    await proposeSakuraDocuments(test, tokens, engagementId);
    await driveUntilOpen(test, tokens, onboardingId, engagementId, 'staff_briefing', steps, drive);
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
  }, 180_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await test?.close();
  });

  it('takes a note and a file, keeps its SHA-256 and shows both to the provider', async () => {
    const { page, problems } = await sessions.signIn(
      'security@sakura.example',
      'ja-JP',
      TEST_PASSWORD,
    );
    await page.goto(`${baseUrl}/onboardings/${onboardingId}#step-staff_briefing`);
    const card = page.locator('#step-staff_briefing');
    const form = card.getByTestId('complete-form');
    // Evidence is required: the form is open and the browser itself refuses an empty file input.
    expect(await form.isVisible()).toBe(true);
    expect(await card.locator('input[type="file"][required]').count()).toBe(1);
    await card.getByLabel('メモ（実施した内容）').fill('東京・大阪で説明会を実施');
    await card
      .locator('input[type="file"]')
      .setInputFiles({ name: '説明会資料.pdf', mimeType: 'application/pdf', buffer: SLIDES });
    await card.screenshot({ path: join(SCREENSHOTS, 'evidence-01-card-form-ja.png') });
    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings/${onboardingId}`),
      form.getByRole('button', { name: /完了にする/ }).click(),
    ]);
    expect(await page.getByTestId('flash').innerText()).toContain(
      '「関係者への説明」を完了にしました。',
    );
    const completion = page.locator('#step-staff_briefing').getByTestId('completion');
    expect((await completion.getByTestId('completion-note').innerText()).trim()).toBe(
      '東京・大阪で説明会を実施',
    );
    const row = completion.getByTestId('evidence-file');
    expect(await row.innerText()).toContain(createHash('sha256').update(SLIDES).digest('hex'));
    await page
      .locator('#step-staff_briefing')
      .screenshot({ path: join(SCREENSHOTS, 'evidence-02-card-done-ja.png') });

    // The provider lead downloads exactly the bytes uploaded.
    const provider = await sessions.signIn('lead@mdr.example', 'en-GB', TEST_PASSWORD);
    await provider.page.goto(`${baseUrl}/onboardings/${onboardingId}#step-staff_briefing`);
    const link = provider.page.locator('#step-staff_briefing').getByTestId('evidence-download');
    expect((await link.innerText()).trim()).toBe('説明会資料.pdf');
    const [download] = await Promise.all([provider.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('説明会資料.pdf');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(Buffer.compare(readFileSync(path), SLIDES)).toBe(0);
    await screenshot(provider.page, 'evidence-03-provider-en');
    expect([...problems, ...provider.problems]).toEqual([]);
  });
});
