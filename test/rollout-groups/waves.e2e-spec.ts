import { Api, expectStatus, fieldsOf } from '../agreements/support/agreements-driver';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { insertEndpoints } from './support/planning-fixtures';

const LEAD = 'lead@mdr.example';
const CUSTOMER = 'security@sakura.example';

describe('site bandwidth and update waves', () => {
  let t: TestApp;
  let api: Api;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    const engagementId = await sakuraEngagementId(t, new Tokens(t));
    base = `/api/engagements/${engagementId}`;
    await insertEndpoints(t, engagementId, [
      { hostname: 'pc-1' },
      { hostname: 'pc-2' },
      { hostname: 'pc-3' },
      { hostname: 'pc-4' },
      { hostname: 'pc-5' },
      { hostname: 'eval-1' },
      { hostname: 'srv-1', type: 'server' },
      { hostname: 'osaka-1', site: 'Osaka' },
    ]);
    const policy = (max: number) => ({
      mode: 'detect',
      quarantine: false,
      updates: 'automatic',
      maxConcurrentUpdates: max,
    });
    expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'Evaluation',
        kind: 'evaluation',
        priority: 1,
        hostnames: ['eval-1'],
        policy: policy(1),
      }),
      201,
    );
    expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'Servers, core',
        kind: 'production',
        priority: 10,
        rule: { type: ['server'] },
        policy: policy(1),
      }),
      201,
    );
    expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'Office PCs',
        kind: 'production',
        priority: 20,
        rule: { type: ['client'] },
        policy: policy(10),
      }),
      201,
    );
  });
  afterAll(() => t.close());

  it('lists the inventory sites; figures are validated, surveyed by the customer IT (or set by the provider), unknown sites are 404', async () => {
    const sites = expectStatus(await api.as(CUSTOMER).get(`${base}/sites`), 200).body;
    expect(
      sites.map((s: { site: string; endpoints: number; figures: unknown }) => [
        s.site,
        s.endpoints,
        s.figures,
      ]),
    ).toEqual([
      ['Osaka', 1, null],
      ['Tokyo', 7, null],
    ]);
    const figures = {
      linkMbps: 100,
      updateSharePercent: 20,
      peakUseMbps: 60,
      packageSizeMb: 150,
      downloadMbps: 2,
    };
    expect(
      fieldsOf(
        await api
          .as(LEAD)
          .put(`${base}/sites/Tokyo`, { ...figures, updateSharePercent: 120, peakUseMbps: -1 }),
      ),
    ).toEqual(['updateSharePercent', 'peakUseMbps']);
    expect((await api.as(LEAD).put(`${base}/sites/Nagoya`, figures)).status).toBe(404);
    // The bandwidth survey is the customer IT's step: they record it; so may the security lead.
    expectStatus(
      await api.as('it-jp@sakura.example').put(`${base}/sites/Tokyo`, { ...figures, linkMbps: 50 }),
      200,
    );
    expectStatus(
      await api.as(CUSTOMER).put(`${base}/sites/Tokyo`, { ...figures, linkMbps: 80 }),
      200,
    );
    // Who only watches (the account manager) does not change it.
    expect((await api.as('am@mdr.example').put(`${base}/sites/Tokyo`, figures)).status).toBe(403);
    const tokyo = expectStatus(await api.as(LEAD).put(`${base}/sites/tokyo`, figures), 200).body;
    expect(tokyo).toMatchObject({
      site: 'Tokyo',
      capacity: { freeMbps: 40, budgetMbps: 8, maxConcurrentDownloads: 4 },
    });
  });

  it('plans waves per site with durations, and warns where a policy exceeds a site or a site has no figures', async () => {
    const plan = expectStatus(await api.as(CUSTOMER).get(`${base}/waves`), 200).body;
    const tokyo = plan.sites.find((s: { site: string }) => s.site === 'Tokyo');
    // 4 downloads × 150 MB × 8 / 8 Mbps = 600 s = 10 min; one download 2.5 min.
    expect(
      tokyo.waves.map(
        (w: { number: number; groupName: string; hostnames: string[]; minutes: number }) => [
          w.number,
          w.groupName,
          w.hostnames,
          w.minutes,
        ],
      ),
    ).toEqual([
      [1, 'Evaluation', ['eval-1'], 2.5],
      [2, 'Office PCs', ['pc-1', 'pc-2', 'pc-3', 'pc-4'], 10],
      [3, 'Office PCs', ['pc-5'], 2.5],
      [4, 'Servers, core', ['srv-1'], 2.5],
    ]);
    expect(tokyo.totalMinutes).toBe(17.5);
    expect(plan.sites.find((s: { site: string }) => s.site === 'Osaka').waves).toEqual([]);
    expect(plan.setApart).toEqual([]);
    expect(plan.warnings.map((w: { code: string; message: string }) => w.message)).toEqual([
      'Site Osaka has no bandwidth figures',
      'The policy of group Office PCs allows 10 concurrent updates, but site Tokyo allows only 4 concurrent downloads',
    ]);

    const office = expectStatus(await api.as(LEAD).get(`${base}/groups`), 200).body.groups.find(
      (g: { name: string }) => g.name === 'Office PCs',
    );
    expectStatus(
      await api.as(LEAD).put(`${base}/groups/${office.id}/policy`, {
        mode: 'detect',
        quarantine: false,
        updates: 'automatic',
        maxConcurrentUpdates: 4,
      }),
      200,
    );
    const after = expectStatus(await api.as(CUSTOMER).get(`${base}/waves`), 200).body;
    expect(after.warnings.map((w: { code: string }) => w.code)).toEqual(['site_without_figures']);
  });

  it('exports the waves as CSV', async () => {
    const response = await t
      .http()
      .get(`${base}/waves.csv`)
      .set('Authorization', await api.tokens.for(CUSTOMER));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="update-waves.csv"');
    expect(response.text.split('\r\n')).toEqual([
      'site,wave,group,hostname,wave_minutes,site_max_concurrent_downloads,set_apart,set_apart_detail',
      'Tokyo,1,Evaluation,eval-1,2.5,4,,',
      'Tokyo,2,Office PCs,pc-1,10,4,,',
      'Tokyo,2,Office PCs,pc-2,10,4,,',
      'Tokyo,2,Office PCs,pc-3,10,4,,',
      'Tokyo,2,Office PCs,pc-4,10,4,,',
      'Tokyo,3,Office PCs,pc-5,2.5,4,,',
      'Tokyo,4,"Servers, core",srv-1,2.5,4,,',
      '',
    ]);
  });
});
