// date-sensitive: the minimum tuning period (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { Clock } from '@app/platform';
import { Api, expectStatus, fieldsOf } from '../agreements/support/agreements-driver';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { insertEndpoints } from './support/planning-fixtures';

const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const CUSTOMER = 'security@sakura.example';
const IT = 'it-jp@sakura.example';
const DAY = 24 * 60 * 60 * 1000;

describe('tuning log and the switch from detect to block', () => {
  let t: TestApp;
  let api: Api;
  let clock: Clock;
  let base: string;
  let engagementId: string;
  let servers: string;
  let office: string;
  let pilot: string;
  let start: number;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    clock = t.app.get(Clock);
    engagementId = await sakuraEngagementId(t, new Tokens(t));
    base = `/api/engagements/${engagementId}`;
    await insertEndpoints(t, engagementId, [
      { hostname: 'erp-1', type: 'server' },
      { hostname: 'pc-1' },
      { hostname: 'eval-1' },
    ]);
    pilot = expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'Pilot',
        kind: 'evaluation',
        priority: 1,
        hostnames: ['eval-1'],
      }),
      201,
    ).body.id;
    servers = expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'ERP servers',
        kind: 'production',
        priority: 10,
        rule: { type: ['server'] },
      }),
      201,
    ).body.id;
    office = expectStatus(
      await api
        .as(LEAD)
        .post(`${base}/groups`, { name: 'Office', kind: 'production', priority: 20, rule: {} }),
      201,
    ).body.id;
    const policies = expectStatus(await api.as(LEAD).get(`${base}/policies`), 200).body;
    // The tuning period counts from when the group entered detect mode: its creation here.
    start = Date.parse(policies.find((p: { groupId: string }) => p.groupId === servers).modeSince);
  });
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  it('refuses the request before the tuning period has run, saying how many days remain', async () => {
    const refused = await api.as(LEAD).post(`${base}/groups/${servers}/mode-switch`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'Group "ERP servers" has 30 day(s) of the 30-day minimum tuning period in detect mode left',
    );
    expect(refused.body.details).toMatchObject({
      daysRemaining: 30,
      openEntries: [],
      tuningPeriod: { days: 30, source: 'default', agreementVersion: null },
    });
    clock.travelTo(new Date(start + 12 * DAY));
    const later = await api.as(LEAD).post(`${base}/groups/${servers}/mode-switch`, {});
    expect(later.body.details.daysRemaining).toBe(18);
  });

  it('keeps a tuning log; an open entry holds the switch back; closing needs a decision', async () => {
    expect(
      fieldsOf(
        await api.as(LEAD).post(`${base}/tuning-log`, {
          groupId: servers,
          hostname: 'nope',
          detectionName: 'x',
          process: 'y',
        }),
      ),
    ).toEqual(['hostname']);
    expect(
      fieldsOf(
        await api.as(LEAD).post(`${base}/tuning-log`, {
          groupId: servers,
          detectionName: 'x',
          process: 'y',
          status: 'closed',
        }),
      ),
    ).toEqual(['decision']);
    expect(
      (
        await api
          .as(CUSTOMER)
          .post(`${base}/tuning-log`, { groupId: servers, detectionName: 'x', process: 'y' })
      ).status,
    ).toBe(403);
    const entry = expectStatus(
      await api.as(ANALYST).post(`${base}/tuning-log`, {
        groupId: servers,
        hostname: 'ERP-1',
        detectionName: 'Credential dumping',
        process: 'erp-batch.exe',
      }),
      201,
    ).body;
    expect(entry).toMatchObject({
      groupName: 'ERP servers',
      hostname: 'erp-1',
      status: 'open',
      decision: null,
    });

    clock.travelTo(new Date(start + 31 * DAY));
    const refused = await api.as(LEAD).post(`${base}/groups/${servers}/mode-switch`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons).toEqual([
      'The tuning log of group "ERP servers" has 1 open entry: Credential dumping',
    ]);
    expect(refused.body.details.openEntries).toEqual([
      { id: entry.id, detectionName: 'Credential dumping', process: 'erp-batch.exe' },
    ]);

    expect(
      fieldsOf(await api.as(ANALYST).patch(`${base}/tuning-log/${entry.id}`, { status: 'closed' })),
    ).toEqual(['decision']);
    expectStatus(
      await api.as(ANALYST).patch(`${base}/tuning-log/${entry.id}`, {
        decision: 'exclusion',
        status: 'closed',
        note: 'excluded the batch path',
      }),
      200,
    );
    const log = expectStatus(await api.as(CUSTOMER).get(`${base}/tuning-log`), 200).body;
    expect(log.map((e: { status: string; decision: string }) => [e.status, e.decision])).toEqual([
      ['closed', 'exclusion'],
    ]);
  });

  it('never switches an evaluation group', async () => {
    const refused = await api.as(LEAD).post(`${base}/groups/${pilot}/mode-switch`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons).toEqual([
      '"Pilot" is an evaluation group; evaluation groups stay in detect mode',
    ]);
  });

  it('needs the customer security lead: the request alone changes nothing; approval switches and records', async () => {
    const request = expectStatus(
      await api.as(LEAD).post(`${base}/groups/${servers}/mode-switch`, { note: 'tuned' }),
      201,
    ).body;
    expect(request).toMatchObject({ status: 'requested', groupName: 'ERP servers', note: 'tuned' });
    expect((await api.as(LEAD).post(`${base}/groups/${servers}/mode-switch`, {})).status).toBe(409);
    const policy = async () =>
      expectStatus(await api.as(CUSTOMER).get(`${base}/policies`), 200).body.find(
        (p: { groupId: string }) => p.groupId === servers,
      );
    expect((await policy()).mode).toBe('detect');
    const approve = `${base}/groups/${servers}/mode-switch/${request.id}/approve`;
    for (const who of [LEAD, ANALYST, IT])
      expect((await api.as(who).post(approve)).status).toBe(403);
    expect((await policy()).mode).toBe('detect');

    const approved = expectStatus(await api.as(CUSTOMER).post(approve), 200).body;
    expect(approved).toMatchObject({ status: 'approved', rejectionReason: null });
    expect(await policy()).toMatchObject({ mode: 'block', modeSource: 'switch' });
    expect((await api.as(CUSTOMER).post(approve)).status).toBe(409);
    const [change] = await t.dataSource.query(
      `SELECT before->>'mode' AS before, after->>'mode' AS after, mode_switch_request_id FROM policy_change WHERE group_id = $1 AND mode_switch_request_id IS NOT NULL`,
      [servers],
    );
    expect(change).toEqual({
      before: 'detect',
      after: 'block',
      mode_switch_request_id: request.id,
    });
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE subject_id = $1 ORDER BY seq`,
      [request.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'rollout.mode_switch_requested',
      'rollout.mode_switch_approved',
    ]);
    expect(
      (await api.as(LEAD).post(`${base}/groups/${servers}/mode-switch`, {})).body.details.reasons,
    ).toEqual(['Group "ERP servers" is not in detect mode']);
  });

  it('lets the customer reject with a reason, and re-checks the conditions on approval', async () => {
    const first = expectStatus(
      await api.as(LEAD).post(`${base}/groups/${office}/mode-switch`, {}),
      201,
    ).body;
    expect(
      new Set(
        fieldsOf(
          await api
            .as(CUSTOMER)
            .post(`${base}/groups/${office}/mode-switch/${first.id}/reject`, {}),
        ),
      ),
    ).toEqual(new Set(['reason']));
    const rejected = expectStatus(
      await api.as(CUSTOMER).post(`${base}/groups/${office}/mode-switch/${first.id}/reject`, {
        reason: 'after the quarter-end run',
      }),
      200,
    ).body;
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectionReason: 'after the quarter-end run',
    });

    const second = expectStatus(
      await api.as(LEAD).post(`${base}/groups/${office}/mode-switch`, {}),
      201,
    ).body;
    expectStatus(
      await api.as(ANALYST).post(`${base}/tuning-log`, {
        groupId: office,
        detectionName: 'Macro launched shell',
        process: 'EXCEL.EXE',
      }),
      201,
    );
    const refused = await api
      .as(CUSTOMER)
      .post(`${base}/groups/${office}/mode-switch/${second.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons).toEqual([
      'グループ「Office」のチューニングログに未完了の項目が1件あります：Macro launched shell',
    ]);
    const overview = expectStatus(await api.as(CUSTOMER).get(`${base}/mode-switches`), 200).body;
    expect(
      overview.requests
        .map((r: { groupName: string; status: string }) => `${r.groupName}:${r.status}`)
        .sort(),
    ).toEqual(['ERP servers:approved', 'Office:rejected', 'Office:requested']);
    expect(overview.groups.find((g: { groupId: string }) => g.groupId === office)).toMatchObject({
      mode: 'detect',
      ready: false,
      daysRemaining: 0,
    });
  });
});
