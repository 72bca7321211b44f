// date-sensitive: the imported endpoints are classified against the support matrix as of today
import type { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import {
  createSakuraOnboarding,
  drive,
  sakuraEngagementId,
  steps,
  StepJson,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csv, upload } from '../rollout/support/inventory-csv';

// The approver's view of a configuration proposal in real Chromium: the lead proposes the
// current plan with a button, the Sakura security lead reads it as a document in Japanese with
// the change since the last approval highlighted, and approves it there.
describe('proposal page in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let sessions: BrowserSessions;
  let baseUrl: string;
  let onboardingId: string;
  let engagementId: string;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
    const tokens = new Tokens(test);
    engagementId = await sakuraEngagementId(test, tokens);
    onboardingId = await createSakuraOnboarding(test, tokens);
    await upload(
      test,
      await tokens.for('it-jp@sakura.example'),
      engagementId,
      csv([
        'tky-pc-001,client,windows,10.0.26100,,Tokyo,JP,,office',
        'tky-pc-002,client,windows,10.0.26100,,Tokyo,JP,,office',
        'tky-srv-001,server,windows,Windows Server 2022,,Tokyo,JP,,core',
      ]),
    ).expect(200);
    const stepOf = async (key: string) =>
      (await steps(test, tokens, onboardingId)).find((s) => s.key === key) as StepJson;
    for (const key of [
      'endpoint_inventory',
      'existing_security_products',
      'unsupported_os_decisions',
      'existing_av_plan',
    ]) {
      await drive(test, tokens, onboardingId, await stepOf(key), engagementId);
    }
    const lead = await tokens.for('lead@mdr.example');
    const groups = `/api/engagements/${engagementId}/groups`;
    await test
      .http()
      .post(groups)
      .set('Authorization', lead)
      .send({ name: '事務用PC', kind: 'production', priority: 10, rule: { type: ['client'] } })
      .expect(201);
    const servers = await test
      .http()
      .post(groups)
      .set('Authorization', lead)
      .send({ name: '基幹サーバー', kind: 'production', priority: 5, rule: { type: ['server'] } })
      .expect(201);
    // Version 1 approved; then the servers' quarantine is switched on.
    await drive(test, tokens, onboardingId, await stepOf('group_policy_design'), engagementId);
    await test
      .http()
      .put(`${groups}/${servers.body.id}/policy`)
      .set('Authorization', lead)
      .send({ mode: 'detect', quarantine: true, updates: 'manual', maxConcurrentUpdates: 10 })
      .expect(200);
  }, 60_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await test?.close();
  });

  it('lets the lead propose the current plan with a button and a note', async () => {
    const { page, problems } = await sessions.signIn('lead@mdr.example', 'en-GB', TEST_PASSWORD);
    await page.goto(`${baseUrl}/onboardings/${onboardingId}#step-group_policy_design`);
    const card = page.locator('[data-testid="step"][data-step="group_policy_design"]');
    expect(await card.getByTestId('step-wait-reason').innerText()).toContain(
      'What was approved changed: Group “基幹サーバー”: Quarantine (No → Yes)',
    );
    const form = card.getByTestId('propose-snapshot');
    expect(await form.locator('textarea').count()).toBe(1);
    await form
      .locator('textarea[name="note"]')
      .fill('Quarantine on for the core servers: the old AV is removed');
    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings/${onboardingId}`),
      form.getByRole('button', { name: /Propose the current plan for approval/ }).click(),
    ]);
    expect((await page.getByTestId('flash').innerText()).trim()).toContain(
      'Version 2 of the proposal',
    );
    expect(problems).toEqual([]);
  });

  it('shows the security lead the proposal as a document in Japanese, the change highlighted, and approves it there', async () => {
    const { page, problems } = await sessions.signIn(
      'security@sakura.example',
      'ja-JP',
      TEST_PASSWORD,
    );
    await page.goto(`${baseUrl}/onboardings/${onboardingId}#step-group_policy_design`);
    const card = page.locator('[data-testid="step"][data-step="group_policy_design"]');
    expect(await card.locator('form[action$="/approve"]').count()).toBe(0);
    await Promise.all([
      page.waitForURL(
        `${baseUrl}/onboardings/${onboardingId}/steps/group_policy_design/proposals/2`,
      ),
      card.getByTestId('decide-link').click(),
    ]);

    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.locator('h1').innerText()).toBe('グループとポリシーの設計（第2版）');
    const changes = page.getByTestId('proposal-change');
    expect(await changes.count()).toBe(1);
    expect((await changes.first().innerText()).replace(/\s+/g, ' ')).toBe(
      '変更 グループ「基幹サーバー」 隔離 いいえ はい',
    );
    const changedRow = page.getByTestId('proposal-row-changed');
    expect(await changedRow.count()).toBe(1);
    expect(await changedRow.innerText()).toContain('基幹サーバー');
    // Highlighted: the changed row's cells have the highlight background, the others none.
    const background = await page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="proposal-row-changed"] td:nth-child(2)')).backgroundColor`,
    );
    expect(background).toBe('rgb(255, 244, 194)');
    const body = await page.locator('main').innerText();
    expect(body).toContain('提案者からのコメント');
    expect(body).toContain('Quarantine on for the core servers: the old AV is removed');
    expect(body).not.toMatch(/[{}]"|"configuration"/);
    // A readable page, not a 3,000-pixel dump.
    expect(await page.evaluate('document.documentElement.scrollHeight')).toBeLessThan(3000);
    await screenshot(page, 'proposal-01-security-lead-review-ja');

    const decide = page.getByTestId('proposal-decide');
    await Promise.all([
      page.waitForURL(`${baseUrl}/onboardings/${onboardingId}`),
      decide.getByRole('button', { name: '第2版を承認する' }).click(),
    ]);
    expect((await page.getByTestId('flash').innerText()).trim()).toContain(
      '「グループとポリシー設計の承認」を承認しました。',
    );
    expect(
      await page
        .locator('[data-testid="step"][data-step="group_policy_design"] [data-testid="step-state"]')
        .innerText(),
    ).toBe('完了');
    expect(problems).toEqual([]);
  });
});
