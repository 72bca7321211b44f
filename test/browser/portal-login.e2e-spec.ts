import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import { inviteNorthwindUser } from '../support/invitations';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// The portal in real Chromium: sign in by keyboard, see the home page, switch languages, sign out.
describe('portal login in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let baseUrl: string;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const address = test.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await test?.close();
  });

  it('signs in as the Sakura lead, switches to English, then Chinese, signs out', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    const shot = (name: string): Promise<Buffer> =>
      page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

    // The browser asks for Japanese, so the login page is in Japanese.
    await page.goto(`${baseUrl}/login`);
    expect(await langOf(page)).toBe('ja');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('ログイン');

    await shot('01-login-ja');

    await page.getByLabel('メールアドレス').pressSequentially('security@sakura.example');
    await page.getByLabel('パスワード').pressSequentially(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);

    expect(await langOf(page)).toBe('ja');
    expect(await textOf(page.getByTestId('customer-organisation'))).toContain(
      'Sakura Manufacturing',
    );
    expect(await page.getByTestId('engagement').count()).toBe(1);
    expect(await textOf(page.getByTestId('account-roles'))).toBe('セキュリティ責任者');
    expect(await textOf(page.locator('body'))).not.toContain('Northwind');
    await shot('02-home-ja');

    // The skip link is the keyboard's first stop and takes focus to the content.
    // (Strings: the test code is compiled without the DOM library.)
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    await shot('02b-skip-link-focused');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');

    await switchLanguage(page, 'English', 'en');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Welcome, 佐藤 花子');
    expect(await textOf(page.getByTestId('account-roles'))).toBe('Security lead');
    expect(await textOf(page.getByTestId('engagement'))).toContain('Onboarding');
    await shot('03-home-en');

    await switchLanguage(page, '简体中文', 'zh-Hans');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('欢迎，佐藤 花子');
    expect(await textOf(page.getByTestId('account-roles'))).toBe('安全负责人');
    expect(await textOf(page.getByTestId('engagement'))).toContain('入驻中');
    await shot('04-home-zh');

    await Promise.all([
      page.waitForURL(`${baseUrl}/login`),
      page.getByRole('button', { name: '退出登录' }).click(),
    ]);
    expect(await page.getByLabel('メールアドレス').isVisible()).toBe(true);
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('05-signed-out');

    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a wrong password as a translated error and keeps the email', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('メールアドレス').pressSequentially('security@sakura.example');
    await page.getByLabel('パスワード').pressSequentially('not the password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForSelector('[role="alert"]');
    expect(await textOf(page.getByRole('alert'))).toContain(
      'メールアドレスまたはパスワードが正しくありません。',
    );
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe('security@sakura.example');
    await page.screenshot({ path: join(SCREENSHOTS, '06-login-error-ja.png'), fullPage: true });
    // Chromium logs the 401 answer itself as a failed load; nothing else may go wrong.
    expect(problems.filter((problem) => !/status of 401/.test(problem))).toEqual([]);
    await page.close();
  });

  it('follows the invitation link the platform admin finds in the dev mailbox, sets a password and signs in', async () => {
    const email = 'invited@northwind.example';
    const token = await inviteNorthwindUser(test, email, 'Invited Person');
    // The seed's mail would point at PUBLIC_URL; this one points at the port the test listens on.
    await test.dataSource.query(
      `INSERT INTO dev_mailbox_message (id, "to", subject, html, text)
       VALUES (gen_random_uuid(), $1, 'Welcome to the MDR portal', '', $2)`,
      [email, `Hello,\n\nSet your password here: ${baseUrl}/set-password?token=${token}\n`],
    );
    // The mailbox holds live links: it needs a sign-in, and only the platform admin reads
    // everyone's mail (in the demo, to hand an invitee their link).
    const admin = await browser.newContext({ locale: 'en-GB' });
    const adminPage = await admin.newPage();
    const adminProblems = watchProblems(adminPage);
    // The mailbox exists in embedded mode only; the mode is read per request.
    test.config.mode = 'embedded';
    let link: string | null;
    try {
      await adminPage.goto(`${baseUrl}/mailbox`);
      expect(adminPage.url()).toBe(`${baseUrl}/login`);
      await adminPage.getByLabel('Email address').pressSequentially('admin@portal.example');
      await adminPage.getByLabel('Password').pressSequentially(TEST_PASSWORD);
      await Promise.all([adminPage.waitForURL(`${baseUrl}/`), adminPage.keyboard.press('Enter')]);
      await Promise.all([
        adminPage.waitForURL(`${baseUrl}/mailbox`),
        adminPage.getByRole('link', { name: 'Mailbox' }).click(),
      ]);
      expect(await textOf(adminPage.getByTestId('mailbox'))).toContain('Welcome to the MDR portal');
      await adminPage.screenshot({ path: join(SCREENSHOTS, '07-mailbox-en.png'), fullPage: true });
      link = await adminPage.getByRole('link', { name: /set-password/ }).getAttribute('href');
    } finally {
      test.config.mode = 'server';
    }
    expect(adminProblems).toEqual([]);
    await admin.close();

    const english = await browser.newContext({ locale: 'en-GB' });
    const page = await english.newPage();
    const problems = watchProblems(page);
    await page.goto(link ?? '');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Set your password');
    await page
      .getByLabel('New password', { exact: true })
      .pressSequentially('amber falcon harbour 61');
    await page
      .getByLabel('Repeat the new password', { exact: true })
      .pressSequentially('amber falcon harbour 61');
    await page.screenshot({ path: join(SCREENSHOTS, '08-set-password-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForSelector('text=Your password is set');
    await Promise.all([
      page.waitForURL(`${baseUrl}/login`),
      page.getByRole('link', { name: 'Go to sign in' }).click(),
    ]);
    await page.getByLabel('Email address').pressSequentially(email);
    await page.getByLabel('Password').pressSequentially('amber falcon harbour 61');
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);
    expect(await textOf(page.getByTestId('account-organisation'))).toBe('Northwind Retail');
    await page.screenshot({ path: join(SCREENSHOTS, '09-home-invited-en.png'), fullPage: true });
    expect(problems).toEqual([]);
    await english.close();
  });

  it('changes the password in Japanese, refused first with the reason, and stays signed in', async () => {
    const japanese = await browser.newContext({ locale: 'ja-JP' });
    const page = await japanese.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('メールアドレス').pressSequentially('it-jp@sakura.example');
    await page.getByLabel('パスワード').pressSequentially(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);
    await Promise.all([
      page.waitForURL(`${baseUrl}/account/password`),
      page.getByTestId('change-password').click(),
    ]);
    const fill = async (next: string): Promise<void> => {
      await page.getByLabel('現在のパスワード').pressSequentially(TEST_PASSWORD);
      await page.getByLabel('新しいパスワード', { exact: true }).pressSequentially(next);
      await page.getByLabel('新しいパスワード（確認）').pressSequentially(next);
      await page.getByRole('button', { name: 'パスワードを変更' }).click();
    };
    await fill('password1234');
    await page.waitForSelector('role=alert');
    expect(await textOf(page.getByRole('alert'))).toContain('よく使われているため使用できません');
    await page.screenshot({
      path: join(SCREENSHOTS, '10-change-password-refused-ja.png'),
      fullPage: true,
    });
    await fill('hinoki lantern river 27');
    await page.waitForURL(`${baseUrl}/account/password?done=changed`);
    expect(await textOf(page.getByTestId('password-changed'))).toContain(
      'パスワードを変更しました',
    );
    await page.goto(`${baseUrl}/`);
    expect(await textOf(page.getByTestId('account-name'))).toBe('鈴木 一郎');
    // Chromium logs the refused form's 400 answer itself as a failed load.
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
    await japanese.close();
  });
});

/** Clicks a language in the switch and waits for the page to come back in that language. */
async function switchLanguage(page: Page, buttonName: string, lang: string): Promise<void> {
  await page.getByRole('button', { name: buttonName }).click();
  await page.waitForSelector(`html[lang="${lang}"]`);
  await page.waitForLoadState('load');
}

async function langOf(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}
