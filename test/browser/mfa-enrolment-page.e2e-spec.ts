import { Clock } from '@app/platform';
import type { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import { Browser } from 'playwright-core';
import { launchChromium, screenshot, watchProblems } from '../support/browser';
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The forced enrolment in real Chromium: an organisation requires two-step sign-in, a person
// without an app signs in, lands on the enrolment page, is sent back there from elsewhere,
// scans (reads the key), types the code, keeps the recovery codes and goes on to the portal.
describe('forced MFA enrolment in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    const [northwind] = await test.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Northwind Retail'`,
    );
    await test
      .http()
      .put(`/api/organisations/${northwind.id}/mfa-policy`)
      .set('Authorization', await bearer(test, 'admin@portal.example'))
      .send({ requireMfa: true })
      .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('signs in into the enrolment page only, then sets up the app and reaches the portal', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email address').pressSequentially('security@northwind.example');
    await page.getByLabel('Password').pressSequentially(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/account/mfa`), page.keyboard.press('Enter')]);
    expect(await page.getByTestId('mfa-required').innerText()).toContain(
      'Two-step sign-in is required for your account',
    );
    await screenshot(page, 'mfa-policy-01-forced-enrolment-en');

    // Any other page sends the person back.
    await page.goto(`${baseUrl}/account/sessions`);
    expect(new URL(page.url()).pathname).toBe('/account/mfa');

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
    expect(await page.getByTestId('mfa-qr').isVisible()).toBe(true);
    const clock = test.app.get(Clock);
    clock.travelTo(new Date((Math.floor(clock.nowMs() / 30_000) + 1) * 30_000 + 1000));
    const code = new TOTP({
      secret: Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    }).generate({ timestamp: clock.nowMs() });
    await page.getByLabel('Code from the app').pressSequentially(code);
    await page.getByRole('button', { name: 'Turn it on' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    expect(await page.getByTestId('mfa-required').count()).toBe(0);
    await screenshot(page, 'mfa-policy-02-enrolled-en');

    await Promise.all([
      page.waitForURL(`${baseUrl}/`),
      page.getByRole('link', { name: 'Continue to the portal' }).click(),
    ]);
    await page.goto(`${baseUrl}/account/sessions`);
    expect(new URL(page.url()).pathname).toBe('/account/sessions');
    expect(problems).toEqual([]);
    await context.close();
  });
});
