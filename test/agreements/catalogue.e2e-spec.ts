import { CatalogueMismatches } from '@app/agreements';
import { startTestApp, TestApp } from '../support/test-app';
import {
  Api,
  engagementIdOf,
  expectStatus,
  fieldsOf,
  providerIdOf,
} from './support/agreements-driver';
import { sampleAgreement, sampleCatalogue } from './support/fixtures';

const LEAD = 'lead@mdr.example';

describe('provider service catalogue and the catalogue check', () => {
  let t: TestApp;
  let api: Api;
  let providerId: string;
  let engagementId: string;
  let catalogue: string;
  let check: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    providerId = await providerIdOf(t);
    engagementId = await engagementIdOf(t, 'Sakura Manufacturing');
    catalogue = `/api/providers/${providerId}/catalogue`;
    check = `/api/engagements/${engagementId}/agreement/catalogue-check`;
  });
  afterAll(() => t.close());

  it('says what is missing before there is a catalogue or an agreement', async () => {
    expect((await api.as(LEAD).get(catalogue)).status).toBe(404);
    const result = expectStatus(await api.as(LEAD).get(check), 200).body;
    expect(result).toMatchObject({
      engagementId,
      providerOrganisationId: providerId,
      agreementVersion: null,
      meets: false,
    });
    expect(result.mismatches).toEqual([
      'No service agreement has been drafted yet',
      'Example MDR has not published a service catalogue',
    ]);
  });

  it('lets only the provider lead (or a platform admin) set it', async () => {
    for (const email of ['analyst@mdr.example', 'am@mdr.example', 'security@sakura.example']) {
      expect((await api.as(email).put(catalogue, sampleCatalogue())).status).toBe(403);
    }
    const saved = expectStatus(await api.as(LEAD).put(catalogue, sampleCatalogue()), 200).body;
    expect(saved).toMatchObject({
      providerOrganisationId: providerId,
      providerName: 'Example MDR',
      revision: 1,
    });
    const admin = expectStatus(
      await api.as('admin@portal.example').put(catalogue, sampleCatalogue()),
      200,
    ).body;
    expect(admin.revision).toBe(2);
    // Customers of the provider see it.
    expect(
      expectStatus(await api.as('security@northwind.example').get(catalogue), 200).body.catalogue
        .languages,
    ).toEqual(['ja', 'en']);
  });

  it('validates it, naming the field', async () => {
    const bad = sampleCatalogue();
    bad.languages = ['ja', 'xx'];
    bad.bestSlaMinutes.low = { acknowledgeMinutes: 0, respondMinutes: 10 };
    expect(fieldsOf(await api.as(LEAD).put(catalogue, bad))).toEqual([
      'languages[1]',
      'bestSlaMinutes.low.acknowledgeMinutes',
    ]);
  });

  it('finds nothing when the catalogue meets the agreement', async () => {
    expectStatus(
      await api.as(LEAD).post(`/api/engagements/${engagementId}/agreement`, sampleAgreement()),
      201,
    );
    const result = expectStatus(await api.as(LEAD).get(check), 200).body;
    expect(result).toEqual({
      engagementId,
      providerOrganisationId: providerId,
      agreementVersion: 1,
      meets: true,
      mismatches: [],
    });
  });

  it('reports each mismatch with its reason', async () => {
    const narrow = sampleCatalogue();
    narrow.languages = ['ja', 'en'];
    narrow.bestSlaMinutes.critical = { acknowledgeMinutes: 15, respondMinutes: 60 };
    narrow.supportedActions = ['isolate_host', 'kill_process', 'quarantine_file', 'block_hash'];
    expectStatus(await api.as(LEAD).put(catalogue, narrow), 200);
    expectStatus(
      await api.as(LEAD).patch(`/api/engagements/${engagementId}/agreement`, {
        communication: {
          primaryLanguage: 'ja',
          otherLanguages: ['en', 'zh'],
          channels: ['phone', 'email'],
        },
        sla: {
          ...sampleAgreement().sla,
          critical: { acknowledgeMinutes: 5, respondMinutes: 30, channel: 'phone' },
        },
      }),
      200,
    );
    const result = expectStatus(await api.as(LEAD).get(check), 200).body;
    expect(result.meets).toBe(false);
    expect(result.mismatches).toEqual([
      'The customer wants zh; Example MDR offers ja, en',
      "critical acknowledge in 5 min; Example MDR's best is 15 min",
      "critical respond in 30 min; Example MDR's best is 60 min",
    ]);
    // The customer's security lead reads it in Japanese.
    const ja = expectStatus(await api.as('security@sakura.example').get(check), 200).body;
    expect(ja.mismatches[0]).toBe(
      'お客様は zh を希望していますが、Example MDR の対応言語は ja、en です',
    );
    expect(ja.mismatches[1]).toBe(
      '緊急: 受付を 5 分以内に求めていますが、Example MDR の最短は 15 分です',
    );
  });

  it('offers the same check as a service method for the workflow', async () => {
    const sentences = await t.app.get(CatalogueMismatches).of(t.dataSource.manager, engagementId);
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toBe('The customer wants zh; Example MDR offers ja, en');
  });

  it('hides other providers and refuses a customer organisation as a provider', async () => {
    const admin = await api.tokens.for('admin@portal.example');
    const other = expectStatus(
      await t
        .http()
        .post('/api/organisations')
        .set('Authorization', admin)
        .send({
          kind: 'provider',
          name: 'Zeta MDR',
          language: 'en',
          emailDomains: ['zeta.example'],
        }),
      201,
    ).body;
    expect((await api.as(LEAD).get(`/api/providers/${other.id}/catalogue`)).status).toBe(404);
    expect(
      (await api.as(LEAD).put(`/api/providers/${other.id}/catalogue`, sampleCatalogue())).status,
    ).toBe(404);
    const sakura = (await api.as('admin@portal.example').get('/api/organisations?kind=customer'))
      .body.items[0];
    expect(
      (await api.as('admin@portal.example').get(`/api/providers/${sakura.id}/catalogue`)).status,
    ).toBe(404);
  });
});
