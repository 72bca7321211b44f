import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Where the browser tests keep their screenshots (test output, not committed). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

/**
 * Debian's Chromium, headless. The network flags keep it from calling out: this machine has no
 * network but the package registries.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The time-shifted run preloads libfaketime into the tests; the browser keeps the real time.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name, value]) =>
        value !== undefined && !name.startsWith('FAKETIME') && name !== 'LD_PRELOAD',
    ),
  ) as Record<string, string>;
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, env });
}

/** Everything the browser reports as going wrong: console errors, page errors, failed loads. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // The browser cancelled it itself: the page navigated on while it loaded (the favicon, most
    // often, fetched after the load). A load the server failed is a response status or another error.
    if (error === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${error}`);
  });
  return problems;
}

/** Signed-in browser contexts of one test file, closed together. */
export class BrowserSessions {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  /** A fresh context signed in through the login form (typed, then Enter), on the home page. */
  async signIn(
    email: string,
    locale: string,
    password: string,
  ): Promise<{ page: Page; problems: string[] }> {
    const context = await this.browser.newContext({
      locale,
      viewport: { width: 1280, height: 900 },
    });
    this.contexts.push(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${this.baseUrl}/login`);
    await page.locator('#email').pressSequentially(email);
    await page.locator('#password').pressSequentially(password);
    await Promise.all([page.waitForURL(`${this.baseUrl}/`), page.keyboard.press('Enter')]);
    return { page, problems };
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}

/** Keeps a full-page screenshot as test output. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
