import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import {
  startIdentityProvider,
  TestIdentityProvider,
} from '../support/oidc/test-identity-provider';
import { freePort } from '../support/spawn-portal';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Company sign-in in real Chromium: the address typed on the login page, the button, the page
 * that refreshes to the provider (a redirect would be stopped by the CSP's form-action), the
 * provider, and back to the home page, with no problem reported by the browser.
 */
describe('single sign-on in Chromium', () => {
  let t: TestApp;
  let idp: TestIdentityProvider;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const client = {
      client_id: 'mdr-portal',
      client_secret: 'browser-client-secret-77',
      redirect_uris: [`${baseUrl}/login/sso/callback`],
    };
    idp = await startIdentityProvider([client]);
    t = await startTestApp({ seed: true, env: { PUBLIC_URL: baseUrl } });
    await t.app.listen({ port, host: '127.0.0.1' });
    const [{ id: sakura }] = await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Sakura Manufacturing'`,
    );
    await t
      .http()
      .put(`/api/organisations/${sakura}/sign-in`)
      .set('Authorization', await bearer(t, 'security@sakura.example'))
      .send({
        issuer: idp.issuer,
        clientId: client.client_id,
        clientSecret: client.client_secret,
        emailDomains: ['sakura.example'],
        passwordSignInDisabled: true,
      })
      .expect(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.stop();
  });

  it('signs the Sakura lead in through the provider from the login page', async () => {
    await idp.nextSignIn({ sub: 'sakura-lead', email: 'security@sakura.example' });
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 1280, height: 800 },
    });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('メールアドレス').pressSequentially('security@sakura.example');
      await Promise.all([
        page.waitForURL(`${baseUrl}/`),
        page.getByRole('button', { name: '会社のアカウントでサインイン' }).click(),
      ]);
      await page.screenshot({ path: join(SCREENSHOTS, 'sso-01-home.png'), fullPage: true });
      expect(await page.getByTestId('account-roles').innerText()).toBe('セキュリティ責任者');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
