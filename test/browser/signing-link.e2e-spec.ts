import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchProblems } from '../support/browser';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import {
  codeIn,
  driveUntilOpen,
  mailTo,
  recipientOf,
  requestSignature,
  SIGNATURE_STEP,
  signingLinkIn,
} from '../support/signature-driver';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

// The emailed signing link in real Chromium: read the document and its hash, get a code, sign.
describe('signing through the emailed link in Chromium', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let browser: Browser;
  let context: BrowserContext;
  let baseUrl: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await sink?.stop();
  });

  it('signs the authorisation letter with the emailed code; the step is done with the letter hash', async () => {
    const tokens = new Tokens(t);
    const engagementId = await sakuraEngagementId(t, tokens);
    const onboardingId = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    await driveUntilOpen(t, tokens, onboardingId, engagementId, SIGNATURE_STEP, steps, drive);
    const request = await requestSignature(t, tokens, onboardingId, {
      document: 'authorisation_letter',
      signerName: 'Aiko Tanaka',
      signerEmail: 'legal@sakura.example',
    });
    const mail = await mailTo(
      sink,
      (m) => recipientOf(m) === 'legal@sakura.example' && (m.text ?? '').includes('/sign/'),
    );

    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}${signingLinkIn(mail)}`);
    expect(await page.getByTestId('document-sha256').innerText()).toBe(request.documentSha256);
    expect(await page.locator('article.signature__document').innerText()).toContain(
      'sakura-manufacturing.console.example-edr.com',
    );
    await page.screenshot({
      path: join(SCREENSHOTS, 'signature-01-link-page.png'),
      fullPage: true,
    });

    const before = sink.messages.length;
    await Promise.all([page.waitForURL(/\?sent=1$/), page.getByTestId('send-code').click()]);
    const codeMail = await mailTo(
      sink,
      (m) => sink.messages.indexOf(m) >= before && /\b\d{6}\b/.test(m.subject ?? ''),
    );
    await page.locator('#code').fill(codeIn(codeMail));
    await page.locator('#typedName').fill('Aiko Tanaka');
    await Promise.all([page.waitForLoadState('load'), page.getByTestId('sign').click()]);
    await page.getByTestId('signature-done').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'signature-02-signed.png'), fullPage: true });

    const step = (await steps(t, tokens, onboardingId)).find((s) => s.key === SIGNATURE_STEP);
    expect(step).toMatchObject({ state: 'done', contentHash: request.documentSha256 });
    expect(problems).toEqual([]);
  }, 120_000);
});
