import { Api, expectStatus, fieldsOf } from '../agreements/support/agreements-driver';
import { createSakuraOnboarding, sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import {
  insertEndpoints,
  openPlanningChecks,
  setProductPlan,
  stepState,
} from './support/planning-fixtures';

const LEAD = 'lead@mdr.example';
const CUSTOMER = 'security@sakura.example';

describe('groups and policies drive the planning checks', () => {
  let t: TestApp;
  let api: Api;
  let tokens: Tokens;
  let engagementId: string;
  let onboardingId: string;
  let groups: string;
  const groupsOf = async () => expectStatus(await api.as(CUSTOMER).get(groups), 200).body;
  const stepPath = (key: string, action: string) =>
    `/api/onboardings/${onboardingId}/steps/${key}/${action}`;
  /** The provider lead proposes the configuration as it is now and the security lead approves it. */
  const reapprove = async (key: string) => {
    expectStatus(await api.as(LEAD).post(stepPath(key, 'proposals'), {}), 201);
    expectStatus(await api.as(CUSTOMER).post(stepPath(key, 'approve'), {}), 200);
  };
  const completeCheck = async (key: string) =>
    t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/${key}/complete`)
      .set(
        'Authorization',
        await tokens.for(key === 'group_coverage_check' ? 'it-jp@sakura.example' : LEAD),
      )
      .send({});

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    groups = `/api/engagements/${engagementId}/groups`;
    onboardingId = await createSakuraOnboarding(t, tokens);
    await insertEndpoints(t, engagementId, [
      { hostname: 'pc-tokyo-1' },
      { hostname: 'pc-tokyo-2', existingProduct: 'OldAV' },
      { hostname: 'srv-erp-1', type: 'server', osFamily: 'linux', tags: ['erp'] },
      { hostname: 'pc-osaka-1', site: 'Osaka' },
      { hostname: 'pc-shanghai-1', site: 'Shanghai', country: 'CN' },
    ]);
    await openPlanningChecks(t, tokens, onboardingId);
  });
  afterAll(() => t.close());

  it('validates rules and definitions, naming the field', async () => {
    expect(
      fieldsOf(
        await api
          .as(LEAD)
          .post(groups, { name: 'x', kind: 'production', priority: 1, rule: { kind: ['server'] } }),
      ),
    ).toEqual(['rule.kind']);
    expect(
      fieldsOf(
        await api.as(LEAD).post(groups, {
          name: 'x',
          kind: 'production',
          priority: 1,
          rule: { type: ['desktop'] },
        }),
      ),
    ).toEqual(['rule.type[0]']);
    expect(
      fieldsOf(await api.as(LEAD).post(groups, { name: 'x', kind: 'production', priority: 1 })),
    ).toEqual(['rule']);
    expect(
      fieldsOf(
        await api.as(LEAD).post(groups, {
          name: 'x',
          kind: 'production',
          priority: 1,
          rule: {},
          hostnames: ['pc-tokyo-1'],
        }),
      ),
    ).toEqual(['rule']);
    expect(
      fieldsOf(
        await api.as(LEAD).post(groups, {
          name: 'x',
          kind: 'production',
          priority: 1,
          hostnames: ['pc-tokyo-1', 'nope'],
        }),
      ),
    ).toEqual(['hostnames[1]']);
    expect(
      fieldsOf(
        await api.as(LEAD).post(groups, { name: 'x', kind: 'pilot', priority: 1, rule: {} }),
      ),
    ).toEqual(['kind']);
    expect(
      fieldsOf(
        await api.as(LEAD).post(groups, {
          name: 'x',
          kind: 'production',
          priority: 1,
          rule: {},
          policy: { mode: 'stop', quarantine: false, updates: 'manual', maxConcurrentUpdates: 0 },
        }),
      ),
    ).toEqual(['policy.mode', 'policy.maxConcurrentUpdates']);
    expect(
      (
        await api
          .as(CUSTOMER)
          .post(groups, { name: 'x', kind: 'production', priority: 1, rule: {} })
      ).status,
    ).toBe(403);
    expect((await groupsOf()).groups).toEqual([]);
  });

  it('group_coverage_check: fails naming endpoints in no group and in several lists, passes once fixed', async () => {
    const servers = expectStatus(
      await api.as(LEAD).post(groups, {
        name: 'Servers',
        kind: 'production',
        priority: 10,
        rule: { type: ['server'] },
      }),
      201,
    ).body;
    expect(servers).toMatchObject({
      memberCount: 1,
      serverCount: 1,
      policy: { mode: 'detect', quarantine: false, updates: 'manual', maxConcurrentUpdates: 10 },
    });
    const tokyo = expectStatus(
      await api.as(LEAD).post(groups, {
        name: 'Tokyo PCs',
        kind: 'production',
        priority: 20,
        rule: { site: ['Tokyo'] },
      }),
      201,
    ).body;
    expect(tokyo.memberCount).toBe(2);
    expect(
      (
        await api
          .as(LEAD)
          .post(groups, { name: 'tokyo pcs', kind: 'production', priority: 21, rule: {} })
      ).status,
    ).toBe(409);
    expect(
      (
        await api
          .as(LEAD)
          .post(groups, { name: 'Other', kind: 'production', priority: 20, rule: {} })
      ).status,
    ).toBe(409);
    const pilot = expectStatus(
      await api.as(LEAD).post(groups, {
        name: 'Pilot',
        kind: 'evaluation',
        priority: 5,
        hostnames: ['PC-OSAKA-1'],
      }),
      201,
    ).body;
    expectStatus(
      await api.as(LEAD).post(groups, {
        name: 'Osaka list',
        kind: 'production',
        priority: 6,
        hostnames: ['pc-osaka-1'],
      }),
      201,
    );

    const overview = await groupsOf();
    expect(overview.coverage).toEqual({
      endpoints: 5,
      assigned: 3,
      unassigned: ['pc-shanghai-1'],
      inSeveral: [{ hostname: 'pc-osaka-1', groups: ['Pilot', 'Osaka list'] }],
    });
    // The approved design changed: it is stale, and the checks that wait for it wait again.
    expect(await stepState(t, tokens, onboardingId, 'group_policy_design')).toBe('stale');
    expect(await stepState(t, tokens, onboardingId, 'group_coverage_check')).toBe('blocked');
    await reapprove('group_policy_design');
    const refused = await completeCheck('group_coverage_check');
    expect(refused.status).toBe(409);
    // The check speaks the reader's language (Sakura's IT staff read Japanese).
    expect(refused.body.details.reasons).toEqual([
      'どのグループにも属さない端末が1台あります：pc-shanghai-1',
      '端末 pc-osaka-1 が複数のグループに登録されています：Pilot, Osaka list',
    ]);

    const osakaList = overview.groups.find((g: { name: string }) => g.name === 'Osaka list');
    expect(
      (
        await t
          .http()
          .delete(`${groups}/${osakaList.id}`)
          .set('Authorization', await tokens.for(LEAD))
      ).status,
    ).toBe(204);
    expectStatus(
      await api.as(LEAD).put(`${groups}/${pilot.id}`, {
        name: 'Pilot',
        kind: 'evaluation',
        priority: 5,
        hostnames: ['pc-osaka-1', 'pc-shanghai-1'],
      }),
      200,
    );
    expect((await groupsOf()).coverage).toEqual({
      endpoints: 5,
      assigned: 5,
      unassigned: [],
      inSeveral: [],
    });
    await reapprove('group_policy_design');
    expect(await stepState(t, tokens, onboardingId, 'group_coverage_check')).toBe('done');
    expect(await stepState(t, tokens, onboardingId, 'group_coverage_check')).toBe('done');

    // A later change that leaves an endpoint out reopens the done check in the same transaction,
    // and the design it checks waits for a new approval.
    expectStatus(
      await api.as(LEAD).put(`${groups}/${pilot.id}`, {
        name: 'Pilot',
        kind: 'evaluation',
        priority: 5,
        hostnames: ['pc-osaka-1'],
      }),
      200,
    );
    expect(await stepState(t, tokens, onboardingId, 'group_coverage_check')).toBe('blocked');
    expect(await stepState(t, tokens, onboardingId, 'group_policy_design')).toBe('stale');
    // Back to what was approved: the approval can be given again without a new proposal.
    expectStatus(
      await api.as(LEAD).put(`${groups}/${pilot.id}`, {
        name: 'Pilot',
        kind: 'evaluation',
        priority: 5,
        hostnames: ['pc-osaka-1', 'pc-shanghai-1'],
      }),
      200,
    );
    expectStatus(await api.as(CUSTOMER).post(stepPath('group_policy_design', 'approve'), {}), 200);
    expect(await stepState(t, tokens, onboardingId, 'group_coverage_check')).toBe('done');
  });

  it('server_detect_mode_check: a server group starting in block or an evaluation group blocking fails; fixed, it passes', async () => {
    const overview = await groupsOf();
    const id = (name: string) => overview.groups.find((g: { name: string }) => g.name === name).id;
    const policy = (groupId: string, body: object) =>
      api.as(LEAD).put(`${groups}/${groupId}/policy`, {
        quarantine: false,
        updates: 'automatic',
        maxConcurrentUpdates: 5,
        ...body,
      });
    expectStatus(await policy(id('Servers'), { mode: 'block' }), 200);
    expectStatus(await policy(id('Pilot'), { mode: 'block', quarantine: true }), 200);
    await reapprove('group_policy_design');
    expect(await stepState(t, tokens, onboardingId, 'server_detect_mode_check')).toBe('open');
    const refused = await completeCheck('server_detect_mode_check');
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons).toEqual([
      'Evaluation group "Pilot" is in block mode; evaluation groups never block',
      'Evaluation group "Pilot" has quarantine on; evaluation groups never quarantine',
      'Group "Servers" contains 1 server(s) but starts in block mode; servers start in detect mode',
    ]);
    expectStatus(await policy(id('Servers'), { mode: 'detect' }), 200);
    expectStatus(await policy(id('Pilot'), { mode: 'detect' }), 200);
    await reapprove('group_policy_design');
    expect(await stepState(t, tokens, onboardingId, 'server_detect_mode_check')).toBe('done');
    // Office PCs may block from the start: the check that passed stays done (the design waits for its approval).
    expectStatus(await policy(id('Tokyo PCs'), { mode: 'block' }), 200);
    expect(await stepState(t, tokens, onboardingId, 'server_detect_mode_check')).toBe('done');
    await reapprove('group_policy_design');
  });

  it('av_quarantine_conflict_check: quarantine on where a quarantining AV stays fails; off, it passes', async () => {
    const overview = await groupsOf();
    const tokyo = overview.groups.find((g: { name: string }) => g.name === 'Tokyo PCs');
    await setProductPlan(t, tokens, engagementId, 'oldav', 'coexist', true);
    expectStatus(
      await api.as(LEAD).put(`${groups}/${tokyo.id}/policy`, {
        mode: 'block',
        quarantine: true,
        updates: 'automatic',
        maxConcurrentUpdates: 5,
      }),
      200,
    );
    // Both things the check reads were approved before and changed since: approved again, it opens.
    expect(await stepState(t, tokens, onboardingId, 'av_quarantine_conflict_check')).toBe(
      'blocked',
    );
    await reapprove('existing_av_plan');
    await reapprove('group_policy_design');
    const refused = await completeCheck('av_quarantine_conflict_check');
    expect(refused.status).toBe(409);
    expect(refused.body.details.reasons).toEqual([
      'Group "Tokyo PCs" has quarantine on, but its endpoints keep OldAV, which quarantines: pc-tokyo-2',
    ]);
    // A product being removed is not a coexisting quarantiner: the plan change re-runs the check.
    await setProductPlan(t, tokens, engagementId, 'OldAV', 'remove', true);
    expect(await stepState(t, tokens, onboardingId, 'av_quarantine_conflict_check')).toBe('done');
    await setProductPlan(t, tokens, engagementId, 'OldAV', 'coexist', true);
    // It fails again, and waits for the AV plan's new approval.
    expect(await stepState(t, tokens, onboardingId, 'av_quarantine_conflict_check')).toBe(
      'blocked',
    );
    expectStatus(
      await api.as(LEAD).put(`${groups}/${tokyo.id}/policy`, {
        mode: 'block',
        quarantine: false,
        updates: 'automatic',
        maxConcurrentUpdates: 5,
      }),
      200,
    );
    await reapprove('existing_av_plan');
    await reapprove('group_policy_design');
    expect(await stepState(t, tokens, onboardingId, 'av_quarantine_conflict_check')).toBe('done');
  });

  it('records policy changes and audits every change', async () => {
    const changes = (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM policy_change WHERE engagement_id = $1`,
        [engagementId],
      )
    )[0].n;
    const actions = (await t.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_record WHERE engagement_id = $1 AND action LIKE 'rollout.%' GROUP BY action ORDER BY action`,
      [engagementId],
    )) as { action: string; n: number }[];
    const count = Object.fromEntries(actions.map((a) => [a.action, a.n]));
    expect(count).toEqual({
      'rollout.group_created': 4,
      'rollout.group_deleted': 1,
      'rollout.group_updated': 3,
      'rollout.policy_changed': 7,
    });
    // One policy change record per policy written (at creation and every edit); the deleted
    // group's one record went with it (the audit log keeps the history).
    expect(changes).toBe(
      count['rollout.group_created'] +
        count['rollout.policy_changed'] -
        count['rollout.group_deleted'],
    );
    const policies = expectStatus(
      await api.as(CUSTOMER).get(`/api/engagements/${engagementId}/policies`),
      200,
    ).body;
    expect(
      policies.map((p: { groupName: string; mode: string }) => `${p.groupName}:${p.mode}`),
    ).toEqual(['Pilot:detect', 'Servers:detect', 'Tokyo PCs:block']);
  });
});
