import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { BrowserSessions, launchChromium, screenshot, SCREENSHOTS } from '../support/browser';
import {
  createSakuraOnboarding,
  proposeSakuraDocuments,
  sakuraEngagementId,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// A comment thread in real Chromium: the provider lead writes a shared and an internal comment
// from the step's card, the customer sees only the shared one (in Japanese, times in JST) and
// answers it, and the lead corrects their comment within the window.
describe('a comment thread in Chromium', () => {
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
    await proposeSakuraDocuments(test, tokens, engagementId);
    onboardingId = await createSakuraOnboarding(test, tokens);
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
  }, 180_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await test?.close();
  });

  it('shows internal and shared comments apart, and only shared ones to the customer', async () => {
    const provider = await sessions.signIn('lead@mdr.example', 'en-GB', TEST_PASSWORD);
    await provider.page.goto(`${baseUrl}/onboardings/${onboardingId}#step-service_agreement`);
    const link = provider.page.locator('#step-service_agreement').getByTestId('step-conversation');
    expect((await link.innerText()).trim()).toBe('Conversation (0)');
    await Promise.all([provider.page.waitForURL(/\/conversations\/step\//), link.click()]);
    const conversationUrl = provider.page.url();

    const form = provider.page.getByTestId('comment-form');
    expect(await form.getByLabel(/Shared with the customer/).isChecked()).toBe(true);
    await form.getByLabel('Comment').fill('Please check clause 4 of the agreement.');
    await Promise.all([
      provider.page.waitForURL(/#comment-/),
      form.getByRole('button', { name: 'Post' }).click(),
    ]);
    await provider.page
      .getByTestId('comment-form')
      .getByLabel('Comment')
      .fill('Internal: they tend to sign late.');
    await provider.page
      .getByTestId('comment-form')
      .getByLabel(/Internal \(provider only\)/)
      .check();
    await Promise.all([
      provider.page.waitForURL(/#comment-/),
      provider.page.getByTestId('comment-form').getByRole('button', { name: 'Post' }).click(),
    ]);
    const comments = provider.page.getByTestId('comment');
    expect(await comments.count()).toBe(2);
    const internal = provider.page.locator('[data-visibility="internal"]');
    expect((await internal.getByTestId('comment-visibility').innerText()).trim()).toBe(
      'Internal (provider only)',
    );
    const shared = provider.page.locator('[data-visibility="shared"]');
    expect((await shared.getByTestId('comment-visibility').innerText()).trim()).toBe(
      'Shared with the customer',
    );
    const background = (selector: string): Promise<unknown> =>
      provider.page.evaluate(
        `getComputedStyle(document.querySelector('${selector}')).backgroundColor`,
      );
    expect(await background('[data-visibility=internal]')).not.toBe(
      await background('[data-visibility=shared]'),
    );
    await provider.page
      .getByTestId('conversation')
      .screenshot({ path: join(SCREENSHOTS, 'conversation-01-provider-en.png') });

    const customer = await sessions.signIn('security@sakura.example', 'ja-JP', TEST_PASSWORD);
    await customer.page.goto(conversationUrl);
    const seen = customer.page.getByTestId('comment');
    expect(await seen.count()).toBe(1);
    expect(await customer.page.content()).not.toContain('they tend to sign late');
    expect((await seen.getByTestId('comment-visibility').innerText()).trim()).toBe('お客様と共有');
    expect(await seen.locator('time').first().innerText()).toContain('JST');
    const thread = customer.page.getByTestId('thread').first();
    await thread.locator('summary', { hasText: '返信する' }).click();
    await thread.getByLabel('返信').fill('第4条は確認済みです。');
    await Promise.all([
      customer.page.waitForURL(/#comment-/),
      thread.getByRole('button', { name: '投稿する' }).click(),
    ]);
    const answer = customer.page.locator('.thread__replies [data-testid="comment"]');
    expect((await answer.getByTestId('comment-body').innerText()).trim()).toBe(
      '第4条は確認済みです。',
    );
    await screenshot(customer.page, 'conversation-02-customer-ja');

    await provider.page.goto(conversationUrl);
    expect(await provider.page.getByTestId('comment').count()).toBe(3);
    const mine = provider.page.locator('[data-visibility="shared"]').first();
    await mine.locator('summary', { hasText: 'Edit' }).click();
    await mine.getByLabel('Corrected text').fill('Please check clauses 4 and 5 of the agreement.');
    await Promise.all([
      provider.page.waitForURL(/#comment-/),
      mine.getByRole('button', { name: 'Save the correction' }).click(),
    ]);
    const corrected = provider.page.locator('[data-visibility="shared"]').first();
    expect((await corrected.getByTestId('comment-body').first().innerText()).trim()).toBe(
      'Please check clauses 4 and 5 of the agreement.',
    );
    await corrected.locator('.comment__history summary').click();
    expect(await corrected.locator('.comment__history').innerText()).toContain(
      'Please check clause 4 of the agreement.',
    );
    expect([...provider.problems, ...customer.problems]).toEqual([]);
  });
});
