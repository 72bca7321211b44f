import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import { createAgreementObjects, providerIdOf } from '../agreements/support/agreements-driver';
import { sampleAgreement } from '../agreements/support/fixtures';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The customer's review of a proposed agreement version in real Chromium, in Japanese.
describe('agreement page in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let engagementId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const address = test.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    const tokens = new Tokens(test);
    engagementId = await sakuraEngagementId(test, tokens);
    // Version 1 approved, version 2 (a shorter critical acknowledgement) proposed.
    await createAgreementObjects(test, {
      engagementId,
      providerId: await providerIdOf(test),
      providerLead: 'lead@mdr.example',
      customerLead: 'security@sakura.example',
      emailDomain: 'sakura.example',
      password: TEST_PASSWORD,
    });
    const lead = await tokens.for('lead@mdr.example');
    const v1 = await test
      .http()
      .get(`/api/engagements/${engagementId}/agreement/versions/1`)
      .set('Authorization', lead)
      .expect(200);
    const changed = { ...(v1.body as { content: ReturnType<typeof sampleAgreement> }).content };
    changed.sla = { ...changed.sla, critical: { ...changed.sla.critical, acknowledgeMinutes: 10 } };
    await test
      .http()
      .put(`/api/engagements/${engagementId}/agreement`)
      .set('Authorization', lead)
      .send(changed)
      .expect(200);
    await test
      .http()
      .post(`/api/engagements/${engagementId}/agreement/versions/2/propose`)
      .set('Authorization', lead)
      .expect(200);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await test?.close();
  });

  it('shows the Sakura lead the comparison in Japanese and approves from it', async () => {
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/login`);
    await page.locator('#email').pressSequentially('security@sakura.example');
    await page.locator('#password').pressSequentially(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);

    await Promise.all([
      page.waitForURL(`${baseUrl}/engagements/${engagementId}/documents`),
      page.getByTestId('engagement-documents').first().click(),
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    const agreement = page.locator('[data-testid="document"][data-document="agreement"]');
    const review = agreement.getByTestId('review');
    expect((await review.getByRole('heading', { level: 3 }).innerText()).trim()).toBe(
      '第 2 版があなたの判断を待っています',
    );
    const rows = review.getByTestId('change');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/sla\.critical\.acknowledgeMinutes\s+15\s+10/);
    await page.screenshot({
      path: join(SCREENSHOTS, 'agreement-01-customer-review-ja.png'),
      fullPage: true,
    });

    // The reject form opens without JavaScript (details/summary) and requires a reason.
    await review.locator('summary', { hasText: '差し戻す…' }).click();
    expect(await review.locator('textarea[name="reason"]').getAttribute('required')).not.toBeNull();

    await Promise.all([
      page.waitForURL(`${baseUrl}/engagements/${engagementId}/documents#doc-agreement`),
      review.getByTestId('approve').click(),
    ]);
    expect((await page.getByTestId('flash').innerText()).trim()).toBe(
      'サービス契約書の第 2 版を承認しました。',
    );
    expect(await agreement.getByTestId('review').count()).toBe(0);
    expect(await agreement.getByTestId('document-current').innerText()).toContain(
      '第 2 版（承認済み）',
    );
    expect(problems).toEqual([]);
  });
});
