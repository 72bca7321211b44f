import { Clock } from '@app/platform';
import { Api, expectStatus } from '../agreements/support/agreements-driver';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { insertEndpoints } from './support/planning-fixtures';

const LEAD = 'lead@mdr.example';

describe('roll-out planning routes are tenant-scoped', () => {
  let t: TestApp;
  let api: Api;
  const routes: [string, string, object?][] = [];

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    const engagementId = await sakuraEngagementId(t, new Tokens(t));
    const base = `/api/engagements/${engagementId}`;
    await insertEndpoints(t, engagementId, [{ hostname: 'erp-1', type: 'server' }]);
    const group = expectStatus(
      await api
        .as(LEAD)
        .post(`${base}/groups`, { name: 'All', kind: 'production', priority: 1, rule: {} }),
      201,
    ).body.id;
    const entry = expectStatus(
      await api
        .as(LEAD)
        .post(`${base}/tuning-log`, { groupId: group, detectionName: 'x', process: 'y' }),
      201,
    ).body.id;
    await api
      .as(LEAD)
      .patch(`${base}/tuning-log/${entry}`, { decision: 'allow', status: 'closed' });
    await t.dataSource.query(
      `UPDATE group_policy SET mode_since = $2::timestamptz - interval '60 days' WHERE group_id = $1`,
      [group, t.app.get(Clock).now()],
    );
    const request = expectStatus(
      await api.as(LEAD).post(`${base}/groups/${group}/mode-switch`, {}),
      201,
    ).body.id;
    const policy = {
      mode: 'detect',
      quarantine: false,
      updates: 'manual',
      maxConcurrentUpdates: 3,
    };
    const figures = {
      linkMbps: 100,
      updateSharePercent: 20,
      peakUseMbps: 60,
      packageSizeMb: 150,
      downloadMbps: 2,
    };
    routes.push(
      ['get', `${base}/groups`],
      ['get', `${base}/policies`],
      ['get', `${base}/sites`],
      ['get', `${base}/waves`],
      ['get', `${base}/waves.csv`],
      ['get', `${base}/tuning-log`],
      ['get', `${base}/mode-switches`],
      ['post', `${base}/groups`, { name: 'N', kind: 'production', priority: 2, rule: {} }],
      ['put', `${base}/groups/${group}`, { name: 'N', kind: 'production', priority: 2, rule: {} }],
      ['put', `${base}/groups/${group}/policy`, policy],
      ['delete', `${base}/groups/${group}`],
      ['put', `${base}/sites/Tokyo`, figures],
      ['post', `${base}/tuning-log`, { groupId: group, detectionName: 'x', process: 'y' }],
      ['patch', `${base}/tuning-log/${entry}`, { note: 'n' }],
      ['post', `${base}/groups/${group}/mode-switch`, {}],
      ['post', `${base}/groups/${group}/mode-switch/${request}/approve`, {}],
      ['post', `${base}/groups/${group}/mode-switch/${request}/reject`, { reason: 'not now' }],
    );
  });
  afterAll(() => t.close());

  it("answers Northwind's security lead 404 on every Sakura planning route, and changes nothing", async () => {
    const token = await api.tokens.for('security@northwind.example');
    const statuses: string[] = [];
    for (const [method, path, body] of routes) {
      const request = t.http()[method as 'get'](path).set('Authorization', token);
      const response = body ? await request.send(body) : await request;
      statuses.push(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} ${response.status}`);
      expect(JSON.stringify(response.body) + (response.text ?? '')).not.toContain('erp-1');
    }
    expect(statuses.filter((s) => !s.endsWith(' 404'))).toEqual([]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM endpoint_group`);
    expect(n).toBe(1);
  });

  it('shows the same routes to Sakura’s own customer (reads) — the check is not vacuous', async () => {
    for (const [method, path] of routes.filter(([m]) => m === 'get')) {
      expect(`${method} ${path} ${(await api.as('it-jp@sakura.example').get(path)).status}`).toBe(
        `${method} ${path} 200`,
      );
    }
  });
});
