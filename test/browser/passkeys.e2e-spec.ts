import { AuditRecord } from '@app/audit';
import { Browser, CDPSession, Page } from 'playwright-core';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { BrowserSessions, launchChromium, screenshot } from '../support/browser';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  steps,
} from '../support/onboarding-driver';
import {
  driveUntilOpen,
  requestSignature,
  SIGNATURE_STEP,
  userIdOf,
} from '../support/signature-driver';
import { freePort } from '../support/spawn-portal';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Passkeys in real Chromium with a CDP virtual authenticator (CTAP2, internal, resident keys,
 * user verification): Sakura's security lead adds one on her account page, signs in with it as
 * the second step, and re-authenticates with it to sign the authorisation letter and to approve
 * a response action; then removes it. The portal is served at http://localhost (a WebAuthn
 * relying party is a domain, never an IP address), which PUBLIC_URL names.
 */
describe('passkeys in Chromium', () => {
  const SECURITY = 'security@sakura.example';
  let sink: SmtpSink;
  let test: TestApp;
  let h: IncidentHarness;
  let browser: Browser;
  let sessions: BrowserSessions;
  let baseUrl: string;
  let engagementId: string;
  let onboardingId: string;
  let page: Page;
  let problems: string[];
  let cdp: CDPSession;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    sink = await startSmtpSink();
    test = await startTestApp({
      seed: true,
      withWorker: true,
      env: { SMTP_URL: sink.url, PUBLIC_URL: baseUrl },
    });
    h = new IncidentHarness(test, sink);
    engagementId = await h.engagementId();
    await proposeSakuraDocuments(test, h.tokens, engagementId);
    onboardingId = await createSakuraOnboarding(test, h.tokens);
    await driveUntilOpen(test, h.tokens, onboardingId, engagementId, SIGNATURE_STEP, steps, drive);
    await test.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, baseUrl);
    ({ page, problems } = await sessions.signIn(SECURITY, 'ja-JP', TEST_PASSWORD));
    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
  }, 240_000);
  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await h?.close();
    await test?.close();
    await sink?.stop();
  });

  const passkeyRows = async (): Promise<{ name: string; sign_count: string }[]> =>
    test.dataSource.query(
      `SELECT p.name, p.sign_count FROM user_passkey p JOIN app_user u ON u.id = p.user_id WHERE u.email = $1`,
      [SECURITY],
    );

  it('adds a named passkey from the account page', async () => {
    await page.goto(`${baseUrl}/account`);
    await Promise.all([
      page.waitForURL(`${baseUrl}/account/passkeys`),
      page.getByTestId('passkeys-link').click(),
    ]);
    expect(await page.getByTestId('passkeys-none').isVisible()).toBe(true);
    await page.fill('#passkey-name', 'ノートPC');
    await Promise.all([
      page.waitForResponse(
        (r) => r.url() === `${baseUrl}/account/passkeys` && r.request().method() === 'POST',
      ),
      page.click('form[data-testid="add-passkey"] button[type="submit"]'),
    ]);
    await page.waitForURL(`${baseUrl}/account/passkeys`);
    expect(await page.getByTestId('flash').textContent()).toContain('パスキーを追加しました');
    expect(await page.getByTestId('passkey-name').allTextContents()).toEqual(['ノートPC']);
    expect(await passkeyRows()).toEqual([{ name: 'ノートPC', sign_count: expect.any(String) }]);
    const [added] = await test.dataSource
      .getRepository(AuditRecord)
      .findBy({ action: 'user.passkey_added' });
    expect(added.changes).toMatchObject({ name: 'ノートPC' });
    await screenshot(page, 'passkeys-01-added-ja');
  });

  it('re-authenticates with the passkey to sign the letter (no password field), recorded in the evidence', async () => {
    const request = await requestSignature(test, h.tokens, onboardingId, {
      document: 'authorisation_letter',
      signerUserId: await userIdOf(test, SECURITY),
    });
    await page.goto(`${baseUrl}/onboardings/${onboardingId}/signatures/${request.id}`);
    expect(await page.locator('input[name="password"]').count()).toBe(0);
    expect(await page.getByTestId('step-up-passkey').isVisible()).toBe(true);
    await page.fill('#typedName', '佐藤 花子');
    const posted = page.waitForRequest(
      (r) =>
        r.method() === 'POST' &&
        r.url() === `${baseUrl}/onboardings/${onboardingId}/signatures/${request.id}`,
    );
    await Promise.all([
      page.waitForSelector('[data-testid="signature-done"]'),
      page.getByTestId('sign').click(),
    ]);
    // The assertion the browser sent answers a spent challenge now: replayed through the API, refused.
    const assertion = JSON.parse(
      new URLSearchParams((await posted).postData() ?? '').get('passkey') ?? 'null',
    );
    expect(assertion?.type).toBe('public-key');
    const replayed = await h.call(
      SECURITY,
      'post',
      `/api/onboardings/${onboardingId}/signature-requests/${request.id}/sign`,
      { typedName: '佐藤 花子', passkey: assertion },
    );
    expect(replayed.status).toBe(401);
    const events = await test.dataSource.query(
      `SELECT kind, auth_method FROM signature_event WHERE request_id = $1 AND kind IN ('authenticated', 'signed') ORDER BY seq`,
      [request.id],
    );
    expect(events).toEqual([
      { kind: 'authenticated', auth_method: 'passkey' },
      { kind: 'signed', auth_method: 'passkey' },
    ]);
    // The rest of the onboarding and the service start, before signing out ends her API tokens too.
    await h.driveToStart(onboardingId, engagementId);
  });

  it('signs in with the password, then the passkey as the second step', async () => {
    await Promise.all([
      page.waitForURL(`${baseUrl}/login`),
      page.click('form[action="/logout"] button'),
    ]);
    await page.locator('#email').fill(SECURITY);
    await page.locator('#password').fill(TEST_PASSWORD);
    await Promise.all([
      page.waitForSelector('form[data-testid="passkey-sign-in"]'),
      page.keyboard.press('Enter'),
    ]);
    await screenshot(page, 'passkeys-02-second-step-ja');
    // She has a passkey and no authenticator app: the page asks for the passkey, not for a code.
    const said = (await page.locator('#login-error').textContent()) ?? '';
    expect(said).toContain('パスキー');
    expect(said).not.toContain('認証アプリ');
    const before = Number((await passkeyRows())[0].sign_count);
    await Promise.all([
      page.waitForURL(`${baseUrl}/`),
      page.click('form[data-testid="passkey-sign-in"] button[type="submit"]'),
    ]);
    const after = Number((await passkeyRows())[0].sign_count);
    // The authenticator's counter moved on, and the server kept it.
    expect(after).toBeGreaterThan(before);
    const [session] = await test.dataSource.query(
      `SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1 AND s.kind = 'portal' AND s.revoked_at IS NULL`,
      [SECURITY],
    );
    expect(session.n).toBe(1);
  });

  it('signs in with the passkey alone (a discoverable passkey with user verification)', async () => {
    await Promise.all([
      page.waitForURL(`${baseUrl}/login`),
      page.click('form[action="/logout"] button'),
    ]);
    const before = Number((await passkeyRows())[0].sign_count);
    await Promise.all([
      page.waitForURL(`${baseUrl}/`),
      page.click('form[data-testid="passkey-only-sign-in"] button[type="submit"]'),
    ]);
    expect(Number((await passkeyRows())[0].sign_count)).toBeGreaterThan(before);
    const [challenge] = await test.dataSource.query(
      `SELECT user_id, used_at FROM webauthn_challenge WHERE purpose = 'passwordless' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(challenge.user_id).toBeNull();
    expect(challenge.used_at).not.toBeNull();
  });

  it('re-authenticates with the passkey to approve a response action, audited with the factor', async () => {
    const base = `/api/engagements/${engagementId}/incidents`;
    const incident = await h.call('lead@mdr.example', 'post', base, {
      title: 'Ransomware beacon',
      severity: 'critical',
      host: 'sk-pc-0300',
    });
    const action = await h.call(
      'analyst@mdr.example',
      'post',
      `${base}/${incident.body.id}/actions`,
      { action: 'isolate_host', target: 'sk-pc-0300' },
    );
    expect(action.body.status).toBe('awaiting_customer');
    const incidentUrl = `${baseUrl}/engagements/${engagementId}/incidents/${incident.body.id}`;
    await page.goto(incidentUrl);
    await Promise.all([
      page.waitForURL(`${incidentUrl}?done=approved`),
      page.getByTestId('approve-action').first().click(),
    ]);
    expect(await page.getByTestId('incident-action').first().getAttribute('data-status')).toBe(
      'executed',
    );
    const audits = await test.dataSource
      .getRepository(AuditRecord)
      .findBy({ action: 'incident.action_approved', subjectId: incident.body.id });
    expect(audits.map((a) => a.changes)).toEqual([
      expect.objectContaining({ actionId: action.body.id, reauthenticated: 'passkey' }),
    ]);
  });

  it('refuses (and audits) a passkey whose signature counter went back, as a copied authenticator', async () => {
    const [{ sign_count: kept }] = await passkeyRows();
    await test.dataSource.query(`UPDATE user_passkey SET sign_count = 1000000`);
    await Promise.all([
      page.waitForURL(`${baseUrl}/login`),
      page.click('form[action="/logout"] button'),
    ]);
    await Promise.all([
      page.waitForURL(`${baseUrl}/login/passkey`),
      page.click('form[data-testid="passkey-only-sign-in"] button[type="submit"]'),
    ]);
    expect(await page.locator('#login-error').textContent()).toContain(
      'パスキーでのサインインに失敗しました',
    );
    const [regressed] = await test.dataSource
      .getRepository(AuditRecord)
      .findBy({ action: 'user.passkey_counter_regressed' });
    expect(regressed.changes).toMatchObject({ storedCount: 1000000 });
    // The counter the server kept is untouched by the refusal; with it back, the passkey signs in again.
    await test.dataSource.query(`UPDATE user_passkey SET sign_count = $1`, [kept]);
    await page.goto(`${baseUrl}/login`);
    await Promise.all([
      page.waitForURL(`${baseUrl}/`),
      page.click('form[data-testid="passkey-only-sign-in"] button[type="submit"]'),
    ]);
  });

  it('removes the passkey (audited)', async () => {
    await page.goto(`${baseUrl}/account/passkeys`);
    await Promise.all([
      page.waitForURL(`${baseUrl}/account/passkeys`),
      page.getByTestId('remove-passkey').click(),
    ]);
    expect(await page.getByTestId('flash').textContent()).toContain('パスキーを削除しました');
    expect(await passkeyRows()).toEqual([]);
    expect(
      await test.dataSource.getRepository(AuditRecord).countBy({ action: 'user.passkey_removed' }),
    ).toBe(1);
    // The password step of a two-step sign-in answers 401 by design (the page asking for the second factor).
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
  });
});
