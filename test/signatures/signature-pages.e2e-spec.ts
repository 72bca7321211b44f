import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { csrfTokenIn, hiddenFieldsOf, portalAgent, signIn, textOf } from '../portal/portal-client';
import { driveUntilOpen, SIGNATURE_STEP, userIdOf } from '../support/signature-driver';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/** The text of the page's error box. */
function errorOf(html: string): string {
  return textOf(/data-testid="signature-error">([^<]*)</.exec(html)?.[1] ?? '').trim();
}

// The portal's signature pages with a session: the provider requests, the security lead signs with her password.
describe('signature portal pages', () => {
  let t: TestApp;
  let tokens: Tokens;
  let onboardingId: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    const engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    await driveUntilOpen(t, tokens, onboardingId, engagementId, SIGNATURE_STEP, steps, drive);
  }, 120_000);
  afterAll(() => t.close());

  it('links the step card to the page where the provider requests, and the signer signs with her password', async () => {
    const lead = portalAgent(t);
    await signIn(lead, 'lead@mdr.example');
    const onboarding = await lead.get(`/onboardings/${onboardingId}`).expect(200);
    expect(onboarding.text).toContain(`href="/onboardings/${onboardingId}/signatures"`);
    const list = await lead.get(`/onboardings/${onboardingId}/signatures`).expect(200);
    const fields = hiddenFieldsOf(list.text, `/onboardings/${onboardingId}/signatures`);
    await lead
      .post(`/onboardings/${onboardingId}/signatures`)
      .type('form')
      .send({
        ...fields,
        document: 'authorisation_letter',
        signerUserId: await userIdOf(t, 'security@sakura.example'),
      })
      .expect(303);
    const outside = await lead
      .post(`/onboardings/${onboardingId}/signatures`)
      .type('form')
      .send({
        ...fields,
        document: 'authorisation_letter',
        signerUserId: '',
        signerName: 'Mallory',
        signerEmail: 'm@evil.example',
      });
    expect(outside.status).toBe(400);
    expect(errorOf(outside.text)).toBe("Enter an address in one of the customer's email domains.");
    // In Japanese the refusals are Japanese, never the service's English.
    await lead
      .post('/language')
      .type('form')
      .send({ _csrf: csrfTokenIn(list.text), language: 'ja', returnTo: '/' })
      .expect(303);
    const ja = await lead
      .post(`/onboardings/${onboardingId}/signatures`)
      .type('form')
      .send({
        ...fields,
        document: 'authorisation_letter',
        signerUserId: '',
        signerName: 'Mallory',
        signerEmail: 'm@evil.example',
      });
    expect(ja.status).toBe(400);
    expect(errorOf(ja.text)).toBe(
      '顧客のメールドメインのいずれかに属するアドレスを入力してください。',
    );
    const pending = await lead
      .post(`/onboardings/${onboardingId}/signatures`)
      .type('form')
      .send({
        ...fields,
        document: 'authorisation_letter',
        signerUserId: await userIdOf(t, 'security@sakura.example'),
      });
    expect(pending.status).toBe(400);
    expect(errorOf(pending.text)).toBe(
      '現在の状態ではこの操作はできません（例：保留中の依頼がすでにあります）。',
    );
    expect(errorOf(pending.text)).not.toMatch(/[A-Za-z]{4,}/);
    await lead
      .post('/language')
      .type('form')
      .send({ _csrf: csrfTokenIn(list.text), language: 'en', returnTo: '/' })
      .expect(303);

    const signer = portalAgent(t);
    await signIn(signer, 'security@sakura.example');
    const mine = await signer.get(`/onboardings/${onboardingId}/signatures`).expect(200);
    const href = /href="(\/onboardings\/[^"]+\/signatures\/[0-9a-f-]{36})"/.exec(
      mine.text,
    )?.[1] as string;
    const page = await signer.get(href).expect(200);
    const csrf = csrfTokenIn(page.text);
    const wrong = await signer.post(href).type('form').send({
      _csrf: csrf,
      action: 'sign',
      password: 'wrong password here',
      typedName: 'Hanako Sato',
    });
    expect(wrong.status).toBe(400);
    await signer
      .post(href)
      .type('form')
      .send({ _csrf: csrf, action: 'sign', password: TEST_PASSWORD, typedName: 'Hanako Sato' })
      .expect(200);
    expect(
      (await steps(t, tokens, onboardingId)).find((s) => s.key === SIGNATURE_STEP)?.state,
    ).toBe('done');
    const certificate = await signer.get(`${href}/certificate.html`).expect(200);
    expect(certificate.headers['x-document-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(certificate.text).toContain(certificate.headers['x-document-sha256']);

    const northwind = portalAgent(t);
    await signIn(northwind, 'security@northwind.example');
    expect((await northwind.get(`/onboardings/${onboardingId}/signatures`)).status).toBe(404);
    expect((await northwind.get(href)).status).toBe(404);
  }, 60_000);
});
