import type { Browser, Page } from 'playwright-core';
import { BrowserSessions, screenshot, watchProblems } from '../../support/browser';
import type { CustomerMoments } from './onboarding-walk';

/**
 * The customer's moments in Chromium, as the security lead lives them: reading the plan the
 * provider proposed and approving it on its page, signing the letter after typing the password
 * again, and answering the mailed links (domain permission, host isolation, the latter with the password
 * again) on their pages.
 * Each page is kept as a screenshot, and a page that reports an error fails the journey.
 */
export class BrowserMoments implements CustomerMoments {
  private readonly sessions: BrowserSessions;
  private readonly pages = new Map<string, { page: Page; problems: string[] }>();
  readonly seen: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
    private readonly password: string,
  ) {
    this.sessions = new BrowserSessions(browser, baseUrl);
  }

  async approveProposal(
    email: string,
    onboardingId: string,
    stepKey: string,
    version: number,
  ): Promise<void> {
    const { page, problems } = await this.signedIn(email);
    await page.goto(
      `${this.baseUrl}/onboardings/${onboardingId}/steps/${stepKey}/proposals/${version}`,
    );
    await page.getByTestId('proposal-section').first().waitFor();
    await this.keep(page, `journey-approve-${stepKey}`, problems);
    await Promise.all([
      page.waitForURL(/\/onboardings\//),
      page.locator('button[data-action="approve"]').click(),
    ]);
    await this.keep(page, `journey-approved-${stepKey}`, problems);
  }

  async signLetter(email: string, onboardingId: string, requestId: string): Promise<void> {
    const { page, problems } = await this.signedIn(email);
    await page.goto(`${this.baseUrl}/onboardings/${onboardingId}/signatures/${requestId}`);
    await page.locator('#password').fill(this.password);
    await page.locator('#typedName').fill('佐藤 花子');
    await this.keep(page, 'journey-sign-letter', problems);
    await Promise.all([page.waitForLoadState('load'), page.getByTestId('sign').click()]);
    await page.waitForLoadState('networkidle');
    await this.keep(page, 'journey-signed-letter', problems);
  }

  async confirmDomain(link: string): Promise<void> {
    await this.answerLink(link, 'confirm-approve', 'journey-confirm-domain');
  }

  async approveAction(link: string): Promise<void> {
    // A response action is decided only after the person confirms it is them (their password here).
    await this.answerLink(link, 'action-approve', 'journey-approve-isolation', async (page) =>
      page.locator('#password').fill(this.password),
    );
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }

  /** A mailed link opened in a fresh, signed-out browser (as from the mail client), in Japanese. */
  private async answerLink(
    link: string,
    button: string,
    name: string,
    before?: (page: Page) => Promise<void>,
  ): Promise<void> {
    const context = await this.browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(link);
      if (before) await before(page);
      await this.keep(page, name, problems);
      await Promise.all([page.waitForLoadState('load'), page.getByTestId(button).click()]);
      await page.waitForLoadState('networkidle');
      await this.keep(page, `${name}-done`, problems);
    } finally {
      await context.close();
    }
  }

  private async signedIn(email: string): Promise<{ page: Page; problems: string[] }> {
    const existing = this.pages.get(email);
    if (existing) return existing;
    const session = await this.sessions.signIn(email, 'ja-JP', this.password);
    this.pages.set(email, session);
    return session;
  }

  private async keep(page: Page, name: string, problems: string[]): Promise<void> {
    await screenshot(page, name);
    this.seen.push(`${name}: ${await page.title()}`);
    const text = await page.locator('main').innerText();
    if (/^\s*[{[]"/m.test(text)) throw new Error(`${name} shows raw JSON`);
    if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
  }
}
