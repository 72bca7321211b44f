import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BrowserSessions, launchChromium } from '../support/browser';
import { freePort, RunningPortal, spawnPortal } from '../support/spawn-portal';
import { testClockEnv } from '../support/test-clock';

const PASSWORD = 'Sakura-scenario-2026-orchid';

/*
 * The scenario demo as a newcomer meets it: the embedded portal started on an empty DATA_DIR
 * (`npm start`), the banner's hints, then each person's home page in Chromium: it shows the work
 * waiting for that person, and its links lead to the page they name (followed, heading read).
 * Screenshots go to /tmp/scenario-<person>-<page>.png.
 */
describe('the scenario demo, person by person, in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-scenario-'));
  let portal: RunningPortal;
  let browser: Browser;
  let sessions: BrowserSessions;

  beforeAll(async () => {
    portal = await spawnPortal(
      {
        DATA_DIR: dataDir,
        DEMO_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'scenario',
        ...testClockEnv(),
      },
      await freePort(),
      600_000,
    );
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, portal.baseUrl);
  }, 600_000);
  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await portal?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The person's home page, signed in through the form, kept as a screenshot. */
  const home = async (email: string, locale: string) => {
    const session = await sessions.signIn(email, locale, PASSWORD);
    await keep(session.page, email, 'home');
    return session;
  };
  /** Follows a link of the home page and returns the heading of where it leads. */
  const follow = async (
    page: Page,
    email: string,
    link: ReturnType<Page['locator']>,
    name: string,
  ): Promise<string> => {
    await Promise.all([page.waitForLoadState('load'), link.click()]);
    await page.waitForLoadState('networkidle');
    const heading = (await page.locator('h1').first().textContent())?.trim() ?? '';
    await keep(page, email, name);
    await page.goto(`${portal.baseUrl}/`);
    return heading;
  };
  const waitingSteps = (page: Page) =>
    page
      .getByTestId('waiting-item')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-step')));
  const stepItem = (page: Page, key: string) =>
    page.locator(`[data-testid="waiting-item"][data-step="${key}"]`);

  it('prints, per person, the first thing to try, from the seeded state', () => {
    const output = portal.output();
    expect(output).toMatch(/Scenario seeded in \d+\.\d s/);
    expect(output).toContain('log in as security@sakura.example: 2 things wait on you');
    expect(output).toContain(
      'log in as it-cn@sakura.example: one thing waits on you: Complete the sensor deployment (overdue)',
    );
    expect(output).toContain(
      'log in as security@northwind.example: one thing waits on you: approve or decline: isolate host lds-srv-002',
    );
  });

  it("Sakura's security lead: the letter to sign and the permission mail to answer, each link to its page", async () => {
    const email = 'security@sakura.example';
    const { page, problems } = await home(email, 'ja-JP');
    expect((await waitingSteps(page)).sort()).toEqual([
      'domain_authorisation_signature',
      'domain_permission_email',
    ]);
    await expect(
      stepItem(page, 'domain_authorisation_signature').locator('.badge--overdue').count(),
    ).resolves.toBe(1);
    expect(
      await follow(
        page,
        email,
        stepItem(page, 'domain_authorisation_signature').getByTestId('waiting-place'),
        'signatures',
      ),
    ).toContain('署名');
    expect(
      await follow(
        page,
        email,
        stepItem(page, 'domain_permission_email').getByTestId('waiting-place'),
        'domain-confirmations',
      ),
    ).toContain('ドメイン許可通知メール');
    expect(problems).toEqual([]);
  });

  it("Sakura's Chinese IT staff: the overdue sensor deployment, in Chinese, its link to the step", async () => {
    const email = 'it-cn@sakura.example';
    const { page, problems } = await home(email, 'zh-CN');
    expect(await waitingSteps(page)).toEqual(['sensor_deployment_completed']);
    const item = stepItem(page, 'sensor_deployment_completed');
    await expect(item.locator('.badge--overdue').count()).resolves.toBe(1);
    expect(await item.locator('.waiting__title').textContent()).toContain('传感器');
    expect(await follow(page, email, item.locator('.waiting__title a'), 'onboarding')).toContain(
      'Sakura Manufacturing',
    );
    expect(page.url()).not.toContain('#');
    expect(problems).toEqual([]);
  });

  it('the provider lead: the two plans the policy change made stale, to propose again; the waves page', async () => {
    const email = 'lead@mdr.example';
    const { page, problems } = await home(email, 'en-GB');
    expect((await waitingSteps(page)).sort()).toEqual(['update_policy', 'update_waves_plan']);
    await expect(page.locator('.waiting .badge--state-stale').count()).resolves.toBe(2);
    expect(
      await follow(
        page,
        email,
        stepItem(page, 'update_waves_plan').getByTestId('waiting-place'),
        'waves',
      ),
    ).toBe('Sakura Manufacturing MDR');
    expect(await page.locator('main').textContent()).toContain('Northwind Retail');
    expect(problems).toEqual([]);
  });

  it("the analyst: the open critical incident first, Northwind's first monthly report, and the incident queue", async () => {
    const email = 'analyst@mdr.example';
    const { page, problems } = await home(email, 'en-GB');
    // The open incidents come before the steps waiting on the analyst, most severe first.
    const open = page.getByTestId('open-incident');
    await expect(open.count()).resolves.toBe(1);
    expect(await open.first().getAttribute('data-severity')).toBe('critical');
    expect(await open.first().textContent()).toContain('Northwind Retail');
    expect(await page.locator('main h2').first().textContent()).toBe('Open incidents');
    expect(await follow(page, email, open.first().locator('a'), 'incident')).toContain(
      'Ransomware beacon on lds-srv-002',
    );
    expect(await waitingSteps(page)).toContain('first_monthly_report');
    const queue = page.locator('a', { hasText: 'Incidents' });
    expect(await follow(page, email, queue, 'incidents')).toBe('Northwind Retail MDR');
    await page.goto(`${portal.baseUrl}${await queue.getAttribute('href')}`);
    expect(await page.locator('main').textContent()).toContain('Ransomware beacon on lds-srv-002');
    expect(problems).toEqual([]);
  });

  it('the account manager: the overview of both customers, with its charts', async () => {
    const email = 'am@mdr.example';
    const { page, problems } = await home(email, 'en-GB');
    expect(await page.locator('main').textContent()).toContain('Sakura Manufacturing MDR');
    expect(await follow(page, email, page.locator('nav a[href="/overview"]'), 'overview')).toBe(
      'Onboarding overview',
    );
    await page.goto(`${portal.baseUrl}/overview`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Sakura Manufacturing');
    expect(main).toContain('Northwind Retail');
    expect(await page.locator('main svg').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("Northwind's security lead: the host isolation waiting on them, its incident page, and the completion certificate", async () => {
    const email = 'security@northwind.example';
    const { page, problems } = await home(email, 'en-GB');
    const pending = page.getByTestId('pending-approvals-home').locator('a');
    await expect(pending.count()).resolves.toBe(1);
    expect(await pending.textContent()).toContain('lds-srv-002');
    expect(await follow(page, email, pending, 'incident')).toBe('Ransomware beacon on lds-srv-002');
    // Their service's open incident is listed too; the closed one is not.
    expect(
      await page
        .getByTestId('open-incident')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-severity'))),
    ).toEqual(['critical']);
    expect(
      await follow(
        page,
        email,
        page.locator('a', { hasText: /^Completion certificate$/ }),
        'certificate',
      ),
    ).toBe('Certificate of service start');
    expect(problems).toEqual([]);
  });
});

async function keep(page: Page, email: string, name: string): Promise<void> {
  await page.screenshot({
    path: `/tmp/scenario-${email.split('@')[0]}-${email.split('@')[1].split('.')[0]}-${name}.png`,
    fullPage: true,
  });
}
