import { startTestApp, TestApp } from '../support/test-app';
import { Api, engagementIdOf, expectStatus } from './support/agreements-driver';
import { sampleAgreement } from './support/fixtures';

describe('agreements access: another tenant answers 404, the wrong role 403', () => {
  let t: TestApp;
  let api: Api;
  let sakura: string;
  let northwind: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    sakura = await engagementIdOf(t, 'Sakura Manufacturing');
    northwind = await engagementIdOf(t, 'Northwind Retail');
    const base = `/api/engagements/${sakura}/agreement`;
    expectStatus(await api.as('lead@mdr.example').post(base, sampleAgreement()), 201);
    expectStatus(await api.as('lead@mdr.example').post(`${base}/versions/1/propose`), 200);
    expectStatus(
      await api.as('lead@mdr.example').post(`/api/engagements/${sakura}/runbooks/peacetime`),
      201,
    );
  });
  afterAll(() => t.close());

  it("answers 404 and shows nothing of another tenant's agreement, runbooks and documents", async () => {
    const paths = [
      ['get', 'agreement'],
      ['get', 'agreement/versions/1'],
      ['get', 'agreement/versions/1/document?format=html'],
      ['get', 'agreement/versions/1/document?format=pdf'],
      ['get', 'agreement/compare?from=1&to=1'],
      ['get', 'agreement/catalogue-check'],
      ['get', 'runbooks/peacetime'],
      ['get', 'runbooks/peacetime/versions/1'],
      ['post', 'agreement'],
      ['put', 'agreement'],
      ['patch', 'agreement'],
      ['post', 'agreement/versions/1/propose'],
      ['post', 'agreement/versions/1/approve'],
      ['post', 'agreement/versions/1/reject'],
      ['post', 'runbooks/peacetime/versions/1/propose'],
    ] as const;
    const failures: string[] = [];
    for (const email of ['security@northwind.example']) {
      for (const [method, path] of paths) {
        const body =
          method === 'get'
            ? undefined
            : path.endsWith('reject')
              ? { reason: 'not ours to judge' }
              : {};
        const caller = api.as(email);
        const response =
          method === 'get'
            ? await caller.get(`/api/engagements/${sakura}/${path}`)
            : await caller[method](`/api/engagements/${sakura}/${path}`, body ?? {});
        const text = JSON.stringify(response.body) + (response.text ?? '');
        if (response.status !== 404) failures.push(`${method} ${path} -> ${response.status}`);
        if (text.includes('Sakura') || text.includes('sakura.example'))
          failures.push(`${method} ${path} leaked`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets every party of the engagement read', async () => {
    for (const email of [
      'lead@mdr.example',
      'analyst@mdr.example',
      'am@mdr.example',
      'security@sakura.example',
      'it-jp@sakura.example',
      'admin@portal.example',
    ]) {
      expect((await api.as(email).get(`/api/engagements/${sakura}/agreement`)).status).toBe(200);
    }
  });

  it('lets only the provider lead or analyst of the engagement draft and propose (403 otherwise)', async () => {
    const base = `/api/engagements/${sakura}/agreement`;
    for (const email of [
      'am@mdr.example',
      'security@sakura.example',
      'it-jp@sakura.example',
      'admin@portal.example',
    ]) {
      const patched = await api.as(email).patch(base, { minimumTuningPeriodDays: 10 });
      expect([email, patched.status]).toEqual([email, 403]);
      expect(
        (
          await api
            .as(email)
            .post(`/api/engagements/${sakura}/runbooks/peacetime/versions/1/propose`)
        ).status,
      ).toBe(403);
    }
  });

  it("lets only the customer's security lead approve or reject (403 otherwise)", async () => {
    const base = `/api/engagements/${sakura}/agreement/versions/1`;
    for (const email of [
      'lead@mdr.example',
      'analyst@mdr.example',
      'am@mdr.example',
      'it-jp@sakura.example',
      'admin@portal.example',
    ]) {
      expect([email, (await api.as(email).post(`${base}/approve`)).status]).toEqual([email, 403]);
      expect([
        email,
        (await api.as(email).post(`${base}/reject`, { reason: 'too slow' })).status,
      ]).toEqual([email, 403]);
    }
    expectStatus(await api.as('security@sakura.example').post(`${base}/approve`), 200);
  });

  it('answers 404 for a version that does not exist, and 400 for a bad engagement id', async () => {
    expect(
      (await api.as('lead@mdr.example').get(`/api/engagements/${sakura}/agreement/versions/7`))
        .status,
    ).toBe(404);
    expect(
      (await api.as('lead@mdr.example').get(`/api/engagements/${northwind}/agreement/versions/1`))
        .status,
    ).toBe(404);
    const bad = await api.as('lead@mdr.example').get('/api/engagements/not-a-uuid/agreement');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('id');
  });
});
