import { startTestApp, TestApp } from '../support/test-app';
import { Api, engagementIdOf, expectStatus, fieldsOf } from './support/agreements-driver';
import { sampleAgreement } from './support/fixtures';

const LEAD = 'lead@mdr.example';

describe('agreement and runbook content validation: 400 naming the field', () => {
  let t: TestApp;
  let api: Api;
  let base: string;
  let runbooks: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    const id = await engagementIdOf(t, 'Sakura Manufacturing');
    base = `/api/engagements/${id}/agreement`;
    runbooks = `/api/engagements/${id}/runbooks`;
  });
  afterAll(() => t.close());

  it('refuses a bad SLA', async () => {
    const agreement = sampleAgreement();
    agreement.sla.high.respondMinutes = 20;
    const response = await api.as(LEAD).post(base, agreement);
    expect(response.body.details).toEqual([
      { field: 'sla.high.respondMinutes', reason: 'must not be shorter than acknowledgeMinutes' },
      { field: 'sla.high.respondMinutes', reason: "must not be shorter than critical's (60 min)" },
    ]);
    agreement.sla.high.respondMinutes = 120;
    agreement.sla.critical.acknowledgeMinutes = -5;
    expect(fieldsOf(await api.as(LEAD).post(base, agreement))).toEqual([
      'sla.critical.acknowledgeMinutes',
    ]);
    agreement.sla.critical = 'fast';
    expect(fieldsOf(await api.as(LEAD).post(base, agreement))).toEqual(['sla.critical']);
  });

  it("refuses a contact outside the customer organisation's email domains, naming the contact", async () => {
    const agreement = sampleAgreement();
    agreement.escalationContacts[1].email = 'wang.wei@gmail.example';
    const response = await api.as(LEAD).post(base, agreement);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([
      {
        field: 'escalationContacts[1].email',
        reason:
          "wang.wei@gmail.example is not in the customer organisation's email domains (sakura.example)",
      },
    ]);
    expect(response.body.message).toContain('escalationContacts[1].email');
  });

  it('refuses an unknown language', async () => {
    const agreement = sampleAgreement();
    agreement.communication.primaryLanguage = 'ko';
    expect(fieldsOf(await api.as(LEAD).post(base, agreement))).toEqual([
      'communication.primaryLanguage',
    ]);
    agreement.communication = {
      primaryLanguage: 'ja',
      otherLanguages: ['english'],
      channels: ['email'],
    };
    expect(fieldsOf(await api.as(LEAD).post(base, agreement))).toEqual([
      'communication.otherLanguages[0]',
    ]);
  });

  it('names every missing section of a first draft, and each bad field at any depth', async () => {
    expect(fieldsOf(await api.as(LEAD).post(base, {}))).toEqual([
      'scope',
      'serviceHours',
      'sla',
      'responseAuthorisation',
      'communication',
      'escalationContacts',
      'minimumTuningPeriodDays',
    ]);
    const agreement = sampleAgreement();
    agreement.scope.countries = ['JP', 'CN', 'ZZ'];
    agreement.serviceHours.timeZone = 'Tokyo';
    agreement.responseAuthorisation.isolate_host = { mode: 'collaborate', timeoutMinutes: 30 };
    agreement.escalationContacts[0].workingHours.days = ['monday'];
    expect(fieldsOf(await api.as(LEAD).put(base, agreement))).toEqual([
      'scope.countries[2]',
      'serviceHours.timeZone',
      'responseAuthorisation.isolate_host.fallback',
      'escalationContacts[0].workingHours.days[0]',
    ]);
  });

  it('refuses unknown fields at the top and at any depth, naming each (one schema, in the lib)', async () => {
    const top = await api.as(LEAD).post(base, { ...sampleAgreement(), signedBy: 'me' });
    expect(fieldsOf(top)).toEqual(['signedBy']);
    const agreement = sampleAgreement();
    agreement.escalationContacts[0].pager = '1234';
    expect(fieldsOf(await api.as(LEAD).post(base, agreement))).toEqual([
      'escalationContacts[0].pager',
    ]);
    expect(
      fieldsOf(
        await api
          .as(LEAD)
          .post(base, { ...sampleAgreement(), escalationContacts: 'security@sakura.example' }),
      ),
    ).toEqual(['escalationContacts']);
  });

  it('writes nothing when validation fails', async () => {
    const overview = expectStatus(await api.as(LEAD).get(base), 200).body;
    expect(overview.versions).toEqual([]);
  });

  it('validates runbook steps, naming the step', async () => {
    const draft = expectStatus(await api.as(LEAD).post(`${runbooks}/incident`), 201).body;
    const steps = draft.content.steps;
    steps[1].owner = { party: 'customer', role: 'provider_lead' };
    steps[3].category = 'regular_meeting';
    steps[6].responseAction = 'reboot_host';
    expect(fieldsOf(await api.as(LEAD).patch(`${runbooks}/incident`, { steps }))).toEqual([
      'steps[1].owner.role',
      'steps[3].category',
      'steps[6].responseAction',
    ]);
    expect(fieldsOf(await api.as(LEAD).get(`${runbooks}/wartime`))).toEqual(['kind']);
    expect(fieldsOf(await api.as(LEAD).get(`${runbooks}/incident/versions/first`))).toEqual([
      'version',
    ]);
  });
});
