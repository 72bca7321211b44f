import { Clock } from '@app/platform';
import { createSakuraOnboarding, sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import {
  insertEndpoints,
  openPlanningChecks,
  stepState,
} from '../rollout-groups/support/planning-fixtures';
import { csrfTokenIn, PortalAgent, portalAgent, signIn, textOf } from './portal-client';

const ANALYST = 'analyst@mdr.example';
const CUSTOMER = 'security@sakura.example';
const PAGES = ['groups', 'waves', 'tuning-log', 'mode-switches'];

describe('portal: roll-out planning pages (groups, waves, tuning log, mode switch)', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakura: string;
  let onboardingId: string;
  let analyst: PortalAgent;
  let customer: PortalAgent;
  const path = (page: string) => `/engagements/${sakura}/${page}`;
  /** Posts a form of `page` as the agent, with the CSRF token of a fresh load of that page. */
  const post = async (
    agent: PortalAgent,
    page: string,
    action: string,
    fields: Record<string, string>,
  ) => {
    const csrf = csrfTokenIn((await agent.get(path(page)).expect(200)).text);
    return agent
      .post(action)
      .type('form')
      .send({ _csrf: csrf, ...fields });
  };
  const groupIdOf = async (name: string): Promise<string> =>
    (
      (await t.dataSource.query(
        `SELECT id FROM endpoint_group WHERE engagement_id = $1 AND name = $2`,
        [sakura, name],
      )) as { id: string }[]
    )[0].id;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakura = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    await insertEndpoints(t, sakura, [
      { hostname: 'pc-tokyo-1' },
      { hostname: 'pc-tokyo-2' },
      { hostname: 'pc-tokyo-3' },
      { hostname: 'srv-pci-1', type: 'server', tags: ['pci'] },
      { hostname: 'pc-osaka-1', site: 'Osaka' },
    ]);
    await openPlanningChecks(t, tokens, onboardingId);
    analyst = portalAgent(t);
    await signIn(analyst, ANALYST);
    customer = portalAgent(t);
    await signIn(customer, CUSTOMER);
  });
  afterAll(() => t.close());

  it('renders every page for the provider with forms, for the customer in Japanese without design forms; step cards link here', async () => {
    for (const page of PAGES) {
      const mine = await analyst.get(path(page)).expect(200);
      expect(mine.text).toContain(`href="${path('waves')}"`);
      const theirs = await customer.get(path(page)).expect(200);
      expect(theirs.text).toContain('lang="ja"');
      expect(theirs.text).not.toContain('name="priority"');
      expect(theirs.text).not.toContain('name="linkMbps"');
    }
    const groups = await analyst.get(path('groups')).expect(200);
    expect(groups.text).toContain('data-testid="create-group"');
    expect(textOf((await customer.get(path('groups'))).text)).toContain('グループとポリシー');
    const onboarding = await analyst.get(`/onboardings/${onboardingId}`).expect(200);
    for (const page of PAGES) expect(onboarding.text).toContain(`href="${path(page)}"`);
  });

  it('creates groups through the form (rule fields, explicit list), shows the rule readably and moves the checks', async () => {
    expect(await stepState(t, tokens, onboardingId, 'group_coverage_check')).toBe('open');
    const bad = await post(analyst, 'groups', path('groups'), {
      name: 'Servers',
      kind: 'production',
      priority: 'x',
      definition: 'rule',
      mode: 'detect',
      updates: 'manual',
      maxConcurrentUpdates: '10',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-testid="planning-problem"');
    expect(bad.text).toContain('<code>priority</code>');
    expect(bad.text).toContain('value="Servers"');

    await post(analyst, 'groups', path('groups'), {
      name: 'PCI servers',
      kind: 'production',
      priority: '10',
      definition: 'rule',
      typeServer: 'on',
      sites: 'Tokyo',
      tags: 'pci',
      mode: 'block',
      updates: 'manual',
      maxConcurrentUpdates: '2',
    }).then((r) => expect([r.status, r.headers.location]).toEqual([303, path('groups')]));
    await post(analyst, 'groups', path('groups'), {
      name: 'Tokyo PCs',
      kind: 'production',
      priority: '20',
      definition: 'rule',
      sites: 'Tokyo',
      mode: 'detect',
      updates: 'automatic',
      maxConcurrentUpdates: '10',
    }).then((r) => expect(r.status).toBe(303));
    const clash = await post(analyst, 'groups', path('groups'), {
      name: 'Another',
      kind: 'production',
      priority: '20',
      definition: 'rule',
      mode: 'detect',
      updates: 'manual',
      maxConcurrentUpdates: '5',
    });
    expect(clash.status).toBe(409);
    expect(textOf(clash.text)).toContain('Group "Tokyo PCs" already has priority 20');

    const page = textOf((await analyst.get(path('groups')).expect(200)).text);
    expect(page).toContain('By rule: servers, at Tokyo, tagged pci');
    expect(page).toContain('Block mode · quarantine off · Manual updates · at most 2 at once');
    expect(page).toContain('4 of 5 endpoints are in a group.');
    expect(page).toContain(
      'Group "PCI servers" contains 1 server(s) but starts in block mode; servers start in detect mode',
    );
    expect(page).toContain('1 endpoint(s) are in no group: pc-osaka-1');
    // The design changed after its approval: the checks wait for its new approval; the page shows how they fare.
    expect(await stepState(t, tokens, onboardingId, 'group_policy_design')).toBe('stale');
    expect(await stepState(t, tokens, onboardingId, 'server_detect_mode_check')).toBe('blocked');
    const ja = textOf((await customer.get(path('groups'))).text);
    expect(ja).toContain('サーバー／拠点：Tokyo／タグ：pci');
    expect(ja).toContain('どのグループにも属さない端末が1台あります：pc-osaka-1');

    // The policy form fixes the server check; the explicit-list group fixes coverage.
    const pci = await groupIdOf('PCI servers');
    await post(analyst, 'groups', `${path('groups')}/${pci}/policy`, {
      mode: 'detect',
      updates: 'manual',
      maxConcurrentUpdates: '2',
    }).then((r) => expect(r.status).toBe(303));
    await post(analyst, 'groups', path('groups'), {
      name: 'Osaka',
      kind: 'production',
      priority: '30',
      definition: 'explicit',
      hostnames: 'PC-OSAKA-1',
      mode: 'detect',
      updates: 'manual',
      maxConcurrentUpdates: '10',
    }).then((r) => expect(r.status).toBe(303));
    const fixed = await analyst.get(path('groups')).expect(200);
    expect(fixed.text).toContain(
      'planning-check planning-check--passed" data-testid="check-group_coverage_check"',
    );
    expect(textOf(fixed.text)).toContain('Explicit list (1 listed)');
    // Proposed and approved again, the fixed design's checks pass.
    const stepAction = (key: string, action: string) =>
      `/api/onboardings/${onboardingId}/steps/${key}/${action}`;
    await t
      .http()
      .post(stepAction('group_policy_design', 'proposals'))
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({})
      .expect(201);
    await t
      .http()
      .post(stepAction('group_policy_design', 'approve'))
      .set('Authorization', await tokens.for('security@sakura.example'))
      .send({})
      .expect(200);
    // The checks the approval opened decided themselves: passing, they are done.
    expect(await stepState(t, tokens, onboardingId, 'server_detect_mode_check')).toBe('done');
    expect(await stepState(t, tokens, onboardingId, 'group_coverage_check')).toBe('done');

    // Editing a group: rename and change its rule.
    const tokyo = await groupIdOf('Tokyo PCs');
    await post(analyst, 'groups', `${path('groups')}/${tokyo}`, {
      name: 'Tokyo clients',
      kind: 'production',
      priority: '20',
      definition: 'rule',
      typeClient: 'on',
      osWindows: 'on',
      sites: 'Tokyo',
    }).then((r) => expect(r.status).toBe(303));
    expect(textOf((await analyst.get(path('groups'))).text)).toContain('Tokyo clients');
    expect(textOf((await analyst.get(path('groups'))).text)).toContain(
      'clients, Windows, at Tokyo',
    );
    // The customer may not design: 403 page.
    expect(
      (
        await post(customer, 'groups', `${path('groups')}/${tokyo}/policy`, {
          mode: 'block',
          updates: 'manual',
          maxConcurrentUpdates: '1',
        })
      ).status,
    ).toBe(403);
  });

  it('the bandwidth form sizes the waves; the CSV downloads through the portal session', async () => {
    const before = textOf((await analyst.get(path('waves')).expect(200)).text);
    expect(before).toContain('Site Tokyo has no bandwidth figures yet');
    const bad = await post(analyst, 'waves', `${path('waves')}/sites`, {
      site: 'Tokyo',
      linkMbps: '-1',
      updateSharePercent: '20',
      peakUseMbps: '60',
      packageSizeMb: '150',
      downloadMbps: '2',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<code>linkMbps</code>');
    await post(analyst, 'waves', `${path('waves')}/sites`, {
      site: 'Tokyo',
      linkMbps: '100',
      updateSharePercent: '20',
      peakUseMbps: '60',
      packageSizeMb: '150',
      downloadMbps: '2',
    }).then((r) => expect([r.status, r.headers.location]).toEqual([303, path('waves')]));
    const after = await analyst.get(path('waves')).expect(200);
    const text = textOf(after.text);
    // free 40, budget 8, 4 at once; Tokyo clients (3) then PCI servers (1): 3×150×8/8/60 = 7.5 min, 2.5 min.
    expect(text).toContain('Free 40 Mbps · update budget 8 Mbps · max concurrent downloads: 4');
    expect(text).toContain('Site total: 10 minutes in 2 waves');
    expect((after.text.match(/data-testid="wave"/g) ?? []).length).toBe(2);
    expect(text).toContain('pc-tokyo-1, pc-tokyo-2, pc-tokyo-3');
    expect(text).toContain('Site Osaka has no bandwidth figures yet');

    const csv = await customer.get(`${path('waves')}.csv`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="update-waves.csv"');
    expect(csv.text.split('\r\n')).toEqual([
      'site,wave,group,hostname,wave_minutes,site_max_concurrent_downloads,set_apart,set_apart_detail',
      'Tokyo,1,Tokyo clients,pc-tokyo-1,7.5,4,,',
      'Tokyo,1,Tokyo clients,pc-tokyo-2,7.5,4,,',
      'Tokyo,1,Tokyo clients,pc-tokyo-3,7.5,4,,',
      'Tokyo,2,PCI servers,srv-pci-1,2.5,4,,',
      '',
    ]);
  });

  it('keeps the tuning log through forms: add, refuse closing without a decision, close', async () => {
    const pci = await groupIdOf('PCI servers');
    await post(analyst, 'tuning-log', path('tuning-log'), {
      groupId: pci,
      detectionName: 'Credential dumping',
      process: 'backup-agent.exe',
      hostname: 'SRV-PCI-1',
      decision: '',
      note: '',
    }).then((r) => expect(r.status).toBe(303));
    const bad = await post(analyst, 'tuning-log', path('tuning-log'), {
      groupId: pci,
      detectionName: '',
      process: 'x',
      hostname: 'nope',
      decision: '',
      note: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<code>detectionName</code>');
    const page = await analyst.get(path('tuning-log')).expect(200);
    expect(textOf(page.text)).toContain(
      'Credential dumping backup-agent.exe srv-pci-1 None yet Open',
    );
    const close = /action="(\/engagements\/[^"]+\/tuning-log\/[^"]+\/close)"/.exec(
      page.text,
    )?.[1] as string;
    expect((await post(analyst, 'tuning-log', close, { decision: 'maybe' })).status).toBe(400);
    await post(analyst, 'tuning-log', close, {
      decision: 'exclusion',
      note: 'excluded the backup path',
    }).then((r) => expect(r.status).toBe(303));
    const closed = textOf((await customer.get(path('tuning-log'))).text);
    expect(closed).toContain('除外');
    expect(closed).toContain('excluded the backup path');
  });

  it('requests, refuses, approves and rejects mode switches through forms, with the reasons shown', async () => {
    const pci = await groupIdOf('PCI servers');
    const tokyo = await groupIdOf('Tokyo clients');
    const early = await post(analyst, 'mode-switches', `${path('mode-switches')}/${pci}/request`, {
      note: '',
    });
    expect(early.status).toBe(409);
    expect(textOf(early.text)).toContain(
      'Group "PCI servers" has 30 day(s) of the 30-day minimum tuning period in detect mode left',
    );
    expect(early.text).toContain('data-testid="refused"');
    expect(textOf((await analyst.get(path('mode-switches'))).text)).toContain(
      '30 day(s) of the 30-day minimum tuning period are left',
    );

    await t.dataSource.query(
      `UPDATE group_policy SET mode_since = $2::timestamptz - interval '31 days' WHERE group_id = ANY($1)`,
      [[pci, tokyo], t.app.get(Clock).now()],
    );
    const ready = await analyst.get(path('mode-switches')).expect(200);
    expect(textOf(ready.text)).toContain('Ready to request the switch');
    await post(analyst, 'mode-switches', `${path('mode-switches')}/${pci}/request`, {
      note: 'tuned for a month',
    }).then((r) => expect(r.status).toBe(303));
    await post(analyst, 'mode-switches', `${path('mode-switches')}/${tokyo}/request`, {
      note: '',
    }).then((r) => expect(r.status).toBe(303));
    expect(await analyst.get(path('mode-switches')).then((r) => r.text)).not.toContain('/approve"');

    const decide = await customer.get(path('mode-switches')).expect(200);
    expect(textOf(decide.text)).toContain('tuned for a month');
    const approve = new RegExp(`action="(${path('mode-switches')}/${pci}/[^"]+/approve)"`).exec(
      decide.text,
    )?.[1] as string;
    const reject = new RegExp(`action="(${path('mode-switches')}/${tokyo}/[^"]+/reject)"`).exec(
      decide.text,
    )?.[1] as string;
    expect((await post(analyst, 'mode-switches', approve, {})).status).toBe(403);
    expect((await post(customer, 'mode-switches', reject, { reason: 'x' })).status).toBe(400);
    await post(customer, 'mode-switches', approve, {}).then((r) => expect(r.status).toBe(303));
    await post(customer, 'mode-switches', reject, { reason: 'after the quarter-end close' }).then(
      (r) => expect(r.status).toBe(303),
    );
    const [{ mode }] = await t.dataSource.query(
      `SELECT mode FROM group_policy WHERE group_id = $1`,
      [pci],
    );
    expect(mode).toBe('block');
    const history = textOf((await analyst.get(path('mode-switches'))).text);
    expect(history).toContain('PCI servers');
    expect(history).toContain('Approved');
    expect(history).toContain('Rejected after the quarter-end close');
    expect(history).toContain('The group is not in detect mode');
  });

  it('another tenant gets 404 pages; forms without the CSRF token are refused', async () => {
    const northwind = portalAgent(t);
    await signIn(northwind, 'security@northwind.example');
    for (const page of [...PAGES, 'waves.csv']) await northwind.get(path(page)).expect(404);
    const pci = await groupIdOf('PCI servers');
    const csrf = csrfTokenIn((await northwind.get('/').expect(200)).text);
    await northwind
      .post(`${path('groups')}/${pci}/policy`)
      .type('form')
      .send({ _csrf: csrf, mode: 'block', updates: 'manual', maxConcurrentUpdates: '1' })
      .expect(404);
    await analyst
      .post(path('groups'))
      .type('form')
      .send({
        name: 'No token',
        kind: 'production',
        priority: '99',
        definition: 'rule',
        mode: 'detect',
        updates: 'manual',
        maxConcurrentUpdates: '1',
      })
      .expect(403);
    await analyst
      .post(`${path('waves')}/sites`)
      .type('form')
      .send({
        _csrf: 'forged',
        site: 'Tokyo',
        linkMbps: '1',
        updateSharePercent: '1',
        peakUseMbps: '0',
        packageSizeMb: '1',
        downloadMbps: '1',
      })
      .expect(403);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM endpoint_group WHERE name = 'No token'`,
    );
    expect(count).toBe(0);
  });
});
