import {
  createSakuraOnboarding,
  drive,
  driveToReady,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { PortalAgent, portalAgent, signIn, textOf } from './portal-client';

/** The "waiting on you" items of a home page: step key and the exact place's link. */
function waitingPlaces(html: string): Map<string, string | null> {
  const places = new Map<string, string | null>();
  for (const item of html.split('data-testid="waiting-item"').slice(1)) {
    const key = /data-step="([^"]+)"/.exec(item)?.[1] as string;
    const place =
      /<a class="button button--primary" href="([^"]+)" data-testid="waiting-place"/.exec(
        item.split('</li>')[0],
      );
    places.set(key, place ? place[1] : null);
  }
  return places;
}

// The customer's home: what waits on them with a link to the exact place to act (document
// section, signature requests, domain confirmations), progress by phase, and after the start
// the service section with the completion certificate.
describe('customer home', () => {
  let test: TestApp;
  let tokens: Tokens;
  let customer: PortalAgent;
  let onboardingId: string;
  let engagementId: string;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    tokens = new Tokens(test);
    engagementId = await sakuraEngagementId(test, tokens);
    onboardingId = await createSakuraOnboarding(test, tokens, '2027-06-01');
    await proposeSakuraDocuments(test, tokens, engagementId);
    customer = portalAgent(test);
    await signIn(customer, 'security@sakura.example');
  });
  afterAll(() => test?.close());

  /** Drives the named steps whenever they are open, until none of them is. */
  async function driveOnly(keys: string[]): Promise<void> {
    for (let round = 0; round < 10; round += 1) {
      const open = (await steps(test, tokens, onboardingId)).filter(
        (s) => keys.includes(s.key) && (s.state === 'open' || s.state === 'stale'),
      );
      if (open.length === 0) return;
      for (const step of open) await drive(test, tokens, onboardingId, step, engagementId);
    }
  }

  it('links the agreement approval to its document section', async () => {
    await driveOnly(['mdr_requirements_defined', 'provider_requirements_check']);
    const html = (await customer.get('/').expect(200)).text;
    const places = waitingPlaces(html);
    expect(places.get('communication_language')).toBe(
      `/engagements/${engagementId}/documents#doc-agreement`,
    );
    // The title still links to the step's card.
    expect(html).toContain(`href="/onboardings/${onboardingId}#step-communication_language"`);
    // Not yet open: nothing to sign.
    expect(places.has('domain_authorisation_signature')).toBe(false);
  });

  it('once the agreement is approved, links the signature and the domain confirmation to their pages', async () => {
    await driveOnly(['communication_language', 'service_agreement']);
    const html = (await customer.get('/').expect(200)).text;
    const places = waitingPlaces(html);
    expect(places.get('domain_authorisation_signature')).toBe(
      `/onboardings/${onboardingId}/signatures`,
    );
    expect(places.get('domain_permission_email')).toBe(
      `/onboardings/${onboardingId}/domain-confirmations`,
    );
    expect(places.has('service_agreement')).toBe(false);
    // The linked pages open for the customer.
    await customer.get(`/onboardings/${onboardingId}/signatures`).expect(200);
    await customer.get(`/onboardings/${onboardingId}/domain-confirmations`).expect(200);
  });

  it('shows progress by phase equal to the steps, and no service section before the start', async () => {
    const html = (await customer.get('/').expect(200)).text;
    const list = await steps(test, tokens, onboardingId);
    const detail = (
      await test
        .http()
        .get(`/api/onboardings/${onboardingId}`)
        .set('Authorization', await tokens.for('security@sakura.example'))
        .expect(200)
    ).body;
    const phaseOf = new Map<string, string>(
      detail.steps.map((s: { key: string; phase: string }) => [s.key, s.phase]),
    );
    for (const phase of ['introduction', 'pre_production']) {
      const required = list.filter((s) => s.requiredForStart && phaseOf.get(s.key) === phase);
      const done = required.filter((s) => s.state === 'done' || s.state === 'waived').length;
      const section = html.split(`data-phase="${phase}"`)[1]?.split('</li>')[0] ?? '';
      // The security lead reads the portal in Japanese.
      expect(textOf(section)).toContain(`${required.length} 件中 ${done} 件完了`);
      expect(section).toContain(
        `<progress class="progress" max="${required.length}" value="${done}"`,
      );
    }
    expect(html).not.toContain('data-phase="production"');
    expect(html).not.toContain('data-testid="customer-service"');
    await customer.get(`/onboardings/${onboardingId}/completion-certificate`).expect(409);
  });

  it('after the start, shows the service section with the completion certificate', async () => {
    await driveToReady(test, tokens, onboardingId, engagementId);
    await test
      .http()
      .post(`/api/onboardings/${onboardingId}/start-service`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(201);
    const list = await steps(test, tokens, onboardingId);
    const html = (await customer.get('/').expect(200)).text;
    expect(html).toContain('data-testid="customer-service"');
    const href = /href="([^"]+)" data-testid="certificate-link"/.exec(html)?.[1];
    expect(href).toBe(`/onboardings/${onboardingId}/completion-certificate`);
    const certificate = await customer.get(href as string).expect(200);
    expect(certificate.headers['content-type']).toContain('text/html');
    expect(certificate.text).toContain('サービス開始証明書');
    const pdf = await customer.get(`${href}?format=pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Production-phase steps (not needed for the start) may wait on the customer now; none of the gate's.
    expect(
      [...waitingPlaces(html).keys()].filter((key) =>
        list.some((s) => s.key === key && s.requiredForStart),
      ),
    ).toEqual([]);
    // The onboarding page links the certificate too; another tenant's customer gets 404.
    expect((await customer.get(`/onboardings/${onboardingId}`).expect(200)).text).toContain(
      'data-testid="onboarding-certificate"',
    );
    const other = portalAgent(test);
    await signIn(other, 'security@northwind.example');
    const hidden = await other.get(href as string).expect(404);
    expect(hidden.text).not.toContain('Sakura');
  });
});
