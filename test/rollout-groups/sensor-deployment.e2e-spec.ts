// date-sensitive: support status of the imported endpoints (Windows 7 unsupported, Server 2012 R2 out of support)
import { Api, expectStatus, fieldsOf } from '../agreements/support/agreements-driver';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
} from '../support/onboarding-driver';
import { driveUntilOpen } from '../support/signature-driver';
import { startTestApp, TestApp } from '../support/test-app';

const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const CUSTOMER = 'security@sakura.example';
const IT = 'it-jp@sakura.example';
const AM = 'am@mdr.example';

const INVENTORY = [
  'hostname,type,os_family,os_version,site,country',
  'pc-01,client,windows,Windows 11 25H2,Tokyo,JP',
  'pc-02,client,windows,Windows 11 25H2,Tokyo,JP',
  'pc-03,client,windows,Windows 11 25H2,Tokyo,JP',
  'srv-01,server,windows,Windows Server 2025,Tokyo,JP',
  'old-01,client,windows,Windows 7,Tokyo,JP',
  'old-02,client,windows,Windows 7,Tokyo,JP',
  'old-03,server,windows,Windows Server 2012 R2,Tokyo,JP',
].join('\n');

interface WavesJson {
  sites: { site: string; waves: { number: number; groupName: string; hostnames: string[] }[] }[];
  setApart: { hostname: string; reason: string; detail: string | null }[];
}

const scheduled = (plan: WavesJson): string[] =>
  plan.sites.flatMap((s) => s.waves.flatMap((w) => w.hostnames)).sort();

describe('waves schedule only endpoints that will get the sensor; deployment is recorded per endpoint and decides the deployment tasks', () => {
  let t: TestApp;
  let api: Api;
  let engagementId: string;
  let onboardingId: string;
  let base: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    engagementId = await sakuraEngagementId(t, api.tokens);
    base = `/api/engagements/${engagementId}`;
    onboardingId = await createSakuraOnboarding(t, api.tokens);
    await proposeSakuraDocuments(t, api.tokens, engagementId);
    await t
      .http()
      .post(`${base}/endpoints/import`)
      .set('Authorization', await api.tokens.for(IT))
      .attach('file', Buffer.from(INVENTORY), 'inventory.csv')
      .expect(200);
    const list = expectStatus(await api.as(LEAD).get(`${base}/endpoints?limit=50`), 200).body
      .items as { id: string; hostname: string }[];
    for (const e of list) ids[e.hostname] = e.id;
    const policy = {
      mode: 'detect',
      quarantine: false,
      updates: 'automatic',
      maxConcurrentUpdates: 2,
    };
    expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'Servers',
        kind: 'production',
        priority: 10,
        rule: { type: ['server'] },
        policy,
      }),
      201,
    );
    expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'Office PCs',
        kind: 'production',
        priority: 20,
        rule: { type: ['client'] },
        policy,
      }),
      201,
    );
    expectStatus(
      await api.as(LEAD).put(`${base}/sites/Tokyo`, {
        linkMbps: 100,
        updateSharePercent: 20,
        peakUseMbps: 60,
        packageSizeMb: 150,
        downloadMbps: 2,
      }),
      200,
    );
  }, 120_000);
  afterAll(() => t.close());

  it('lists unsupported and out-of-support endpoints without a decision apart, with why, and schedules the rest', async () => {
    const plan: WavesJson = expectStatus(await api.as(CUSTOMER).get(`${base}/waves`), 200).body;
    expect(scheduled(plan)).toEqual(['pc-01', 'pc-02', 'pc-03', 'srv-01']);
    expect(plan.setApart.map((e) => [e.hostname, e.reason])).toEqual([
      ['old-01', 'unsupported'],
      ['old-02', 'unsupported'],
      ['old-03', 'eol'],
    ]);
    expect(plan.setApart[2].detail).toBe(
      'Windows Server 2012 R2: extended support ended 2023-10-10',
    );
  });

  it('sets an approved exclusion apart and schedules endpoints to be upgraded or whose risk is accepted; the CSV lists both', async () => {
    const decide = async (body: object) =>
      expectStatus(await api.as(CUSTOMER).post(`${base}/endpoint-decisions`, body), 201);
    await decide({
      kind: 'exclude',
      endpointIds: [ids['old-02']],
      note: 'Decommissioned in March',
    });
    await decide({ kind: 'upgrade', endpointIds: [ids['old-01']], upgradeBy: '2027-03-31' });
    await decide({
      kind: 'accept_risk',
      endpointIds: [ids['old-03']],
      note: 'Isolated VLAN, jump host only',
    });
    const plan: WavesJson = expectStatus(await api.as(CUSTOMER).get(`${base}/waves`), 200).body;
    expect(scheduled(plan)).toEqual(['old-01', 'old-03', 'pc-01', 'pc-02', 'pc-03', 'srv-01']);
    expect(plan.setApart).toEqual([
      {
        endpointId: ids['old-02'],
        hostname: 'old-02',
        site: 'Tokyo',
        reason: 'excluded',
        detail: 'Decommissioned in March',
        decisionId: expect.any(String),
      },
    ]);
    const csv = await t
      .http()
      .get(`${base}/waves.csv`)
      .set('Authorization', await api.tokens.for(CUSTOMER))
      .expect(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'site,wave,group,hostname,wave_minutes,site_max_concurrent_downloads,set_apart,set_apart_detail',
    );
    expect(lines.filter((l) => l.includes('old-02'))).toEqual([
      'Tokyo,,,old-02,,,excluded,Decommissioned in March',
    ]);
    expect(lines.filter((l) => /,(old-01|old-03),/.test(l)).every((l) => l.endsWith(',,'))).toBe(
      true,
    );
  });

  it('refuses sensor_deployment_started while no in-scope endpoint is deployed, saying so on the onboarding', async () => {
    await driveUntilOpen(
      t,
      api.tokens,
      onboardingId,
      engagementId,
      'sensor_deployment_started',
      steps,
      drive,
    );
    const refused = await api
      .as(IT)
      .post(`/api/onboardings/${onboardingId}/steps/sensor_deployment_started/complete`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.details.deployment).toMatchObject({
      inScope: 6,
      deployed: 0,
      notRecorded: 6,
    });
    // Sakura's IT staff read Japanese.
    expect(refused.body.details.reasons).toEqual([
      '対象端末 6 台のいずれにもセンサーの展開が記録されていません。端末ごとの展開を記録してください（API、CSV アップロード、またはアップデートウェーブのページ）',
    ]);
    const view = expectStatus(await api.as(LEAD).get(`/api/onboardings/${onboardingId}`), 200).body;
    expect(
      view.steps.find((s: { key: string }) => s.key === 'sensor_deployment_started')
        .completionBlockers,
    ).toEqual([
      'None of the 6 in-scope endpoints has the sensor deployed yet: record deployments per endpoint (API, CSV upload or the waves page)',
    ]);
  }, 120_000);

  it('lets the customer IT staff and the provider record, refuses others (403) and other tenants (404), and the security lead alone excuses', async () => {
    const one = { records: [{ hostname: 'pc-01', status: 'deployed' }] };
    expect((await api.as(AM).post(`${base}/sensor-deployment`, one)).status).toBe(403);
    expect(
      (await api.as('security@northwind.example').post(`${base}/sensor-deployment`, one)).status,
    ).toBe(404);
    expect(
      (await api.as('security@northwind.example').get(`${base}/sensor-deployment`)).status,
    ).toBe(404);
    expect(
      (
        await api
          .as(AM)
          .put(`${base}/sensor-deployment/endpoints/${ids['pc-01']}`, { status: 'deployed' })
      ).status,
    ).toBe(403);
    const itExcuse = await api.as(IT).post(`${base}/sensor-deployment`, {
      records: [{ hostname: 'pc-01', status: 'excused', reason: 'user on leave' }],
    });
    expect(itExcuse.status).toBe(403);
    expect(
      (
        await t
          .http()
          .post(`${base}/sensor-deployment/import`)
          .set('Authorization', await api.tokens.for(AM))
          .attach('file', Buffer.from('hostname,status\npc-01,deployed\n'), 'd.csv')
      ).status,
    ).toBe(403);
    const summary = expectStatus(await api.as(AM).get(`${base}/sensor-deployment`), 200).body;
    expect(summary.inScope).toEqual({
      endpoints: 6,
      deployed: 0,
      failed: 0,
      excused: 0,
      pending: 6,
    });
  });

  it('checks every record and writes all or nothing (400 naming records[i] or the CSV line)', async () => {
    expect(
      fieldsOf(
        await api.as(IT).post(`${base}/sensor-deployment`, {
          records: [
            { hostname: 'pc-01', status: 'deployed' },
            { hostname: 'nope-99', status: 'deployed' },
          ],
        }),
      ),
    ).toEqual(['records[1].hostname']);
    expect(
      fieldsOf(
        await api.as(IT).post(`${base}/sensor-deployment`, {
          records: [{ hostname: 'old-02', status: 'deployed' }],
        }),
      ),
    ).toEqual(['records[0].hostname']);
    expect(
      fieldsOf(
        await api.as(CUSTOMER).post(`${base}/sensor-deployment`, {
          records: [{ hostname: 'pc-01', status: 'excused' }],
        }),
      ),
    ).toEqual(['records[0].reason']);
    expect(
      fieldsOf(
        await api.as(IT).post(`${base}/sensor-deployment`, {
          records: [
            { hostname: 'pc-01', status: 'deployed' },
            { hostname: 'PC-01', status: 'failed' },
          ],
        }),
      ),
    ).toEqual(['records[1].hostname']);
    expect(
      fieldsOf(
        await api.as(IT).post(`${base}/sensor-deployment`, {
          records: [{ hostname: 'pc-01', status: 'installed' }],
        }),
      ),
    ).toEqual(['records.0.status']);
    const bad = await t
      .http()
      .post(`${base}/sensor-deployment/import`)
      .set('Authorization', await api.tokens.for(IT))
      .attach('file', Buffer.from('hostname,status\npc-01,deployed\npc-02,installed\n'), 'd.csv');
    expect(fieldsOf(bad)).toEqual(['line 3: status']);
    const header = await t
      .http()
      .post(`${base}/sensor-deployment/import`)
      .set('Authorization', await api.tokens.for(IT))
      .attach('file', Buffer.from('host,state\npc-01,deployed\n'), 'd.csv');
    expect(fieldsOf(header)).toEqual(['line 1']);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM endpoint_deployment WHERE engagement_id = $1`,
      [engagementId],
    );
    expect(n).toBe(0);
  });

  it('completes sensor_deployment_started once one endpoint is deployed; completed needs every in-scope endpoint deployed or excused', async () => {
    expect(
      expectStatus(
        await api.as(IT).post(`${base}/sensor-deployment`, {
          records: [{ hostname: 'pc-01', status: 'deployed' }],
        }),
        200,
      ).body,
    ).toEqual({ recorded: 1, deployed: 1, failed: 0, excused: 0 });
    expectStatus(
      await api
        .as(IT)
        .post(`/api/onboardings/${onboardingId}/steps/sensor_deployment_started/complete`, {}),
      200,
    );

    const refused = await api
      .as(LEAD)
      .post(`/api/onboardings/${onboardingId}/steps/sensor_deployment_completed/complete`, {});
    expect(refused.status).toBe(403);
    const early = await api
      .as(IT)
      .post(`/api/onboardings/${onboardingId}/steps/sensor_deployment_completed/complete`, {});
    expect(early.status).toBe(409);
    expect(early.body.details.deployment).toEqual({
      inScope: 6,
      deployed: 1,
      excused: 0,
      failed: 0,
      notRecorded: 5,
      missing: ['old-01', 'old-03', 'pc-02', 'pc-03', 'srv-01'],
    });

    // One endpoint by the provider's analyst (its wave kept), a CSV by the lead.
    const row = expectStatus(
      await api.as(ANALYST).put(`${base}/sensor-deployment/endpoints/${ids['srv-01']}`, {
        status: 'failed',
        reason: 'Installer timed out',
      }),
      200,
    ).body;
    expect(row).toMatchObject({
      hostname: 'srv-01',
      state: 'failed',
      reason: 'Installer timed out',
      recordedByName: 'Alex Analyst',
      wave: expect.any(Number),
    });
    const imported = await t
      .http()
      .post(`${base}/sensor-deployment/import`)
      .set('Authorization', await api.tokens.for(LEAD))
      .attach(
        'file',
        Buffer.from(
          '\uFEFFstatus,hostname,reason\r\ndeployed,pc-02,\r\ndeployed,PC-03,\r\ndeployed,old-01,\r\ndeployed,old-03,\r\n',
        ),
        'deployed.csv',
      );
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ recorded: 4, deployed: 4, failed: 0, excused: 0 });

    const failed = await api
      .as(IT)
      .post(`/api/onboardings/${onboardingId}/steps/sensor_deployment_completed/complete`, {});
    expect(failed.status).toBe(409);
    expect(failed.body.details.deployment).toMatchObject({
      failed: 1,
      notRecorded: 0,
      missing: ['srv-01'],
    });
    const summary = expectStatus(await api.as(CUSTOMER).get(`${base}/sensor-deployment`), 200).body;
    expect(summary.inScope).toEqual({
      endpoints: 6,
      deployed: 5,
      failed: 1,
      excused: 0,
      pending: 0,
    });
    expect(summary.setApart).toBe(1);
    expect(summary.waves.reduce((n: number, w: { endpoints: number }) => n + w.endpoints, 0)).toBe(
      6,
    );

    expectStatus(
      await api.as(CUSTOMER).post(`${base}/sensor-deployment`, {
        records: [
          { hostname: 'srv-01', status: 'excused', reason: 'Replaced by srv-02 next quarter' },
        ],
      }),
      200,
    );
    const listed = expectStatus(
      await api.as(CUSTOMER).get(`${base}/sensor-deployment/endpoints?state=excused`),
      200,
    ).body;
    expect(
      listed.items.map((e: { hostname: string; reason: string }) => [e.hostname, e.reason]),
    ).toEqual([['srv-01', 'Replaced by srv-02 next quarter']]);
    expectStatus(
      await api
        .as(IT)
        .post(`/api/onboardings/${onboardingId}/steps/sensor_deployment_completed/complete`, {}),
      200,
    );
    const audits = await t.dataSource.query(
      `SELECT changes ->> 'source' AS source FROM audit_record WHERE action = 'rollout.sensor_deployment_recorded' AND engagement_id = $1 ORDER BY seq`,
      [engagementId],
    );
    expect(audits.map((a: { source: string }) => a.source)).toEqual(['api', 'api', 'csv', 'api']);
  });
});
