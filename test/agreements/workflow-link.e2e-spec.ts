import { createSakuraOnboarding, steps, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { Api, engagementIdOf, expectStatus, providerIdOf } from './support/agreements-driver';
import { sampleAgreement, sampleCatalogue } from './support/fixtures';

const LEAD = 'lead@mdr.example';
const CUSTOMER = 'security@sakura.example';

describe('agreements drive the onboarding: the catalogue check and document-bound approvals', () => {
  let t: TestApp;
  let api: Api;
  let tokens: Tokens;
  let engagementId: string;
  let providerId: string;
  let onboardingId: string;
  const step = async (key: string) =>
    (await steps(t, tokens, onboardingId)).find((s) => s.key === key)!;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    tokens = new Tokens(t);
    engagementId = await engagementIdOf(t, 'Sakura Manufacturing');
    providerId = await providerIdOf(t);
    onboardingId = await createSakuraOnboarding(t, tokens);
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/mdr_requirements_defined/complete`)
      .set('Authorization', await tokens.for(CUSTOMER))
      .send({})
      .expect(200);
  });
  afterAll(() => t.close());

  it('blocks the gate with each catalogue mismatch as its own reason, and refuses to complete the check', async () => {
    const catalogue = sampleCatalogue();
    catalogue.languages = ['ja', 'en'];
    expectStatus(await api.as(LEAD).put(`/api/providers/${providerId}/catalogue`, catalogue), 200);
    const agreement = sampleAgreement();
    agreement.communication = {
      ...agreement.communication,
      primaryLanguage: 'zh',
      otherLanguages: [],
    };
    expectStatus(
      await api.as(LEAD).post(`/api/engagements/${engagementId}/agreement`, agreement),
      201,
    );

    const gate = await t
      .http()
      .get(`/api/onboardings/${onboardingId}/gate`)
      .set('Authorization', await tokens.for(LEAD))
      .expect(200);
    const reasons = gate.body.blockers
      .filter((b: { stepKey: string }) => b.stepKey === 'provider_requirements_check')
      .map((b: { reason: string }) => b.reason);
    expect(reasons.some((r: string) => r.includes('zh'))).toBe(true);
    const refused = await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/provider_requirements_check/complete`)
      .set('Authorization', await tokens.for(LEAD))
      .send({});
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons).toEqual(reasons);

    catalogue.languages = ['ja', 'en', 'zh'];
    expectStatus(await api.as(LEAD).put(`/api/providers/${providerId}/catalogue`, catalogue), 200);
    const gateAfter = await t
      .http()
      .get(`/api/onboardings/${onboardingId}/gate`)
      .set('Authorization', await tokens.for(LEAD))
      .expect(200);
    // The catalogue change re-ran the check in its own transaction: passing, it is done by itself.
    const still = gateAfter.body.blockers.filter(
      (b: { stepKey: string }) => b.stepKey === 'provider_requirements_check',
    );
    expect(still).toEqual([]);
    expect((await step('provider_requirements_check')).state).toBe('done');
    const again = await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/provider_requirements_check/complete`)
      .set('Authorization', await tokens.for(LEAD))
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('automatic check');
  });

  it('binds the language and agreement steps to the approved version, and makes them stale on a new one', async () => {
    const base = `/api/engagements/${engagementId}/agreement`;
    expectStatus(await api.as(LEAD).post(`${base}/versions/1/propose`), 200);
    const approved = expectStatus(
      await api.as(CUSTOMER).post(`${base}/versions/1/approve`),
      200,
    ).body;
    expect(await step('communication_language')).toMatchObject({ state: 'done' });
    expect(await step('service_agreement')).toMatchObject({
      state: 'done',
      contentHash: approved.documentSha256,
    });

    const changed = sampleAgreement();
    changed.communication = {
      ...changed.communication,
      primaryLanguage: 'en',
      otherLanguages: ['ja'],
    };
    expectStatus(await api.as(LEAD).post(base, changed), 201);
    expectStatus(await api.as(LEAD).post(`${base}/versions/2/propose`), 200);
    expect(await step('service_agreement')).toMatchObject({ state: 'stale', contentHash: null });
    expect(await step('communication_language')).toMatchObject({ state: 'stale' });
    const gate = await t
      .http()
      .get(`/api/onboardings/${onboardingId}/gate`)
      .set('Authorization', await tokens.for(LEAD))
      .expect(200);
    expect(
      gate.body.blockers.find((b: { stepKey: string }) => b.stepKey === 'service_agreement').reason,
    ).toContain('approved content changed');

    const again = expectStatus(await api.as(CUSTOMER).post(`${base}/versions/2/approve`), 200).body;
    expect(await step('service_agreement')).toMatchObject({
      state: 'done',
      contentHash: again.documentSha256,
    });
    expect(again.documentSha256).not.toBe(approved.documentSha256);
  });

  it('refuses to approve a runbook while its onboarding step is still blocked', async () => {
    const base = `/api/engagements/${engagementId}/runbooks/peacetime`;
    expectStatus(await api.as(LEAD).post(base, {}), 201);
    expectStatus(await api.as(LEAD).post(`${base}/versions/1/propose`), 200);
    // The peacetime runbook's step is still blocked (notification routing is not approved).
    expect((await step('peacetime_runbook')).state).toBe('blocked');
    const early = await api.as(CUSTOMER).post(`${base}/versions/1/approve`);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('peacetime_runbook is blocked');
  });
});
