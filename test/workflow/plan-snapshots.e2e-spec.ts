// date-sensitive: the imported endpoints are classified against the support matrix as of today
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { StepOpenedHandler } from '@app/workflow/notifications/step-opened.handler';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  StepJson,
  Tokens,
} from '../support/onboarding-driver';
import { recipients, until } from '../support/polling';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, upload } from '../rollout/support/inventory-csv';
import { portalAgent, signIn, textOf } from '../portal/portal-client';
import { LocaliseHistoryChanges1765720000000 } from '../../migrations/1765720000000-LocaliseHistoryChanges';

const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const SECURITY = 'security@sakura.example';
const IT_JP = 'it-jp@sakura.example';
const IT_CN = 'it-cn@sakura.example';

/** The eight approvals whose subject is configuration: each approves a snapshot the server takes. */
const CONFIGURATION_STEPS = [
  'unsupported_os_decisions',
  'existing_av_plan',
  'update_policy',
  'group_policy_design',
  'migration_plan',
  'update_waves_plan',
  'static_block_list',
  'notification_routing',
];

const ESTATE = [
  'tky-pc-001,client,windows,10.0.26100,,Tokyo,JP,Legacy AV 12,office',
  'tky-pc-002,client,windows,10.0.26100,,Tokyo,JP,Legacy AV 12,office',
  'tky-old-001,client,windows,Windows 7,,Tokyo,JP,,office',
  'tky-srv-001,server,windows,Windows Server 2022,,Tokyo,JP,,core',
  'sh-pc-001,client,windows,10.0.26100,,Shanghai,CN,,office',
];

const SITE = {
  linkMbps: 100,
  updateSharePercent: 20,
  peakUseMbps: 60,
  packageSizeMb: 150,
  downloadMbps: 2,
};

// Proposals of configuration steps through the real stack: the server takes the snapshot, the
// approval binds to its hash, and every kind of later change makes it stale in the changing
// transaction (audited, the approver mailed through the outbox and the SMTP sink, the gate saying
// what changed). Written proposals are checked against their schema.
describe('configuration approvals bind to snapshots of the plan', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let tokens: Tokens;
  let engagementId: string;
  let onboardingId: string;
  let base: string;
  const groups: Record<string, string> = {};

  const as = async (email: string) => ({ Authorization: await tokens.for(email) });
  const stepPath = (key: string, action: string) =>
    `/api/onboardings/${onboardingId}/steps/${key}/${action}`;
  const propose = async (email: string, key: string, body: object = {}) =>
    t
      .http()
      .post(stepPath(key, 'proposals'))
      .set(await as(email))
      .send(body);
  const approve = async (email: string, key: string) =>
    t
      .http()
      .post(stepPath(key, 'approve'))
      .set(await as(email))
      .send({});
  const stepOf = async (key: string): Promise<StepJson> =>
    (await steps(t, tokens, onboardingId)).find((s) => s.key === key) as StepJson;
  const stateOf = async (key: string): Promise<string> => (await stepOf(key)).state;
  const gateReason = async (key: string): Promise<string> => {
    const gate = await t
      .http()
      .get(`/api/onboardings/${onboardingId}/gate`)
      .set(await as(LEAD))
      .expect(200);
    return gate.body.blockers.find((b: { stepKey: string }) => b.stepKey === key)?.reason ?? '';
  };

  /** The mail that tells `to` the approval of `title` is stale (waiting for the worker to send it). */
  const staleMail = (to: string, title: string): Promise<ParsedMail> =>
    until(`the approval-stale mail about ${title} to ${to}`, () =>
      smtp.messages.find(
        (m) =>
          recipients(m).includes(to) &&
          (m.subject ?? '').includes(title) &&
          /承認の失効|批准已失效|no longer applies/.test(m.subject ?? ''),
      ),
    );
  /** The first mail to `to` whose subject has every one of `parts`. */
  const mailTo = (to: string, ...parts: string[]): Promise<ParsedMail> =>
    until(`the mail to ${to} about ${parts.join(', ')}`, () =>
      smtp.messages.find(
        (m) => recipients(m).includes(to) && parts.every((p) => (m.subject ?? '').includes(p)),
      ),
    );
  /** The step-opened messages written for the step's current opening (sent or not), by user. */
  const openedMailsOf = async (key: string): Promise<string[]> => {
    const [step] = await t.dataSource.query(
      `SELECT id, opened_at FROM onboarding_step WHERE onboarding_id = $1 AND key = $2`,
      [onboardingId, key],
    );
    const rows: { userId: string }[] = await t.dataSource.query(
      `SELECT payload ->> 'userId' AS "userId" FROM outbox_message WHERE job_name = 'step-opened' AND payload ->> 'stepId' = $1 AND payload ->> 'openedAt' = $2`,
      [step.id, new Date(step.opened_at).toISOString()],
    );
    const users: { id: string; email: string }[] = await t.dataSource.query(
      `SELECT id, email FROM app_user WHERE id = ANY($1)`,
      [rows.map((r) => r.userId)],
    );
    return rows.map((r) => users.find((u) => u.id === r.userId)?.email ?? r.userId).sort();
  };

  /**
   * The stale step's row and its stale audit record were written by the changing transaction
   * (the same xmin as the changed row), and the approver's mail is in the outbox. (The outbox
   * row's own xmin moves when the relay hands it to the queue, so only its presence is checked.)
   */
  async function expectStaleInTransactionOf(
    key: string,
    changedRow: { table: string; where: string; params: unknown[] },
  ): Promise<void> {
    const [step] = await t.dataSource.query(
      `SELECT id, state, xmin::text AS tx FROM onboarding_step WHERE onboarding_id = $1 AND key = $2`,
      [onboardingId, key],
    );
    expect({ key, state: step.state }).toEqual({ key, state: 'stale' });
    const [changed] = await t.dataSource.query(
      `SELECT xmin::text AS tx FROM ${changedRow.table} WHERE ${changedRow.where}`,
      changedRow.params,
    );
    expect({ key, tx: step.tx }).toEqual({ key, tx: changed.tx });
    const audits = await t.dataSource.query(
      `SELECT xmin::text AS tx, changes FROM audit_record WHERE action = 'onboarding.step.stale' AND subject_id = $1 ORDER BY seq DESC LIMIT 1`,
      [step.id],
    );
    expect({ key, tx: audits[0]?.tx }).toEqual({ key, tx: changed.tx });
    expect(JSON.stringify(audits[0].changes)).toContain('what you approved changed');
    const [mails] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE job_name = 'approval-stale' AND payload ->> 'stepId' = $1`,
      [step.id],
    );
    expect({ key, mails: mails.n }).toEqual({ key, mails: 1 });
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: smtp.url } });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    base = `/api/engagements/${engagementId}`;
    onboardingId = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    await upload(t, await tokens.for(IT_JP), engagementId, csv(ESTATE)).expect(200);
    for (const key of [
      'mdr_requirements_defined',
      'provider_requirements_check',
      'endpoint_inventory',
      'existing_security_products',
      'bandwidth_survey',
    ]) {
      await drive(t, tokens, onboardingId, await stepOf(key), engagementId);
    }
    // The agreement's approval decides the language and the agreement steps.
    await t
      .http()
      .post(`${base}/agreement/versions/1/approve`)
      .set(await as(SECURITY))
      .send({})
      .expect(200);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('refuses content a client sends for a configuration step, naming the field, whatever the step’s state', async () => {
    for (const key of CONFIGURATION_STEPS) {
      const response = await propose(key === 'static_block_list' ? ANALYST : LEAD, key, {
        content: { groups: [], text: 'trust me' },
      });
      expect({ key, status: response.status }).toEqual({ key, status: 400 });
      expect(response.body.details).toEqual([
        { field: 'content', reason: expect.stringContaining('is taken by the server') },
      ]);
    }
    expect(
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM step_submission WHERE onboarding_id = $1`,
        [onboardingId],
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('reads written proposals against their step’s schema, naming every bad field', async () => {
    const missing = await propose(LEAD, 'go_live_readiness_review', {});
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([
      {
        field: 'content',
        reason: 'must be an object with the fields goLiveDate, summary, openItems',
      },
    ]);
    const bad = await propose(LEAD, 'go_live_readiness_review', {
      content: { goLiveDate: '2027-02-30', openItems: ['ok', ''], budget: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'content.budget',
      'content.goLiveDate',
      'content.openItems[1]',
      'content.summary',
    ]);
    // Well formed, but the review waits for its dependencies.
    const blocked = await propose(LEAD, 'go_live_readiness_review', {
      content: { goLiveDate: '2027-06-01', summary: 'Ready' },
    });
    expect(blocked.status).toBe(409);
  });

  it('proposes the set of unsupported-OS decisions only once each endpoint has an approved one', async () => {
    const early = await propose(LEAD, 'unsupported_os_decisions');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PROPOSAL_NOT_READY');
    expect(early.body.details.reasons).toEqual([
      expect.stringContaining(
        '1 unsupported or end-of-support endpoints have no approved decision',
      ),
    ]);
    await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set(await as(SECURITY))
      .send({ kind: 'accept_risk', note: 'Isolated VLAN', filters: {} })
      .expect(201);

    const proposed = await propose(LEAD, 'unsupported_os_decisions', {
      note: 'All unsupported endpoints are decided',
    });
    expect(proposed.status).toBe(201);
    const { proposal } = proposed.body;
    expect(proposal).toEqual({
      version: 1,
      kind: 'snapshot',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      note: 'All unsupported endpoints are decided',
      documents: {
        html: `${stepPath('unsupported_os_decisions', 'proposals')}/1/document?format=html`,
        pdf: `${stepPath('unsupported_os_decisions', 'proposals')}/1/document?format=pdf`,
        comparison: `${stepPath('unsupported_os_decisions', 'proposals')}/1/comparison`,
      },
    });
    const [stored] = await t.dataSource.query(
      `SELECT kind, content FROM step_submission WHERE onboarding_id = $1 AND step_key = 'unsupported_os_decisions'`,
      [onboardingId],
    );
    expect(stored.kind).toBe('snapshot');
    expect(stored.content.configuration).toMatchObject({
      undecided: 0,
      decisions: [{ kind: 'accept_risk', note: 'Isolated VLAN', endpoints: 1 }],
    });

    const approved = await approve(SECURITY, 'unsupported_os_decisions');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'done', contentHash: proposal.hash });
  });

  it('binds each configuration approval to the hash of the snapshot it approved', async () => {
    const lead = await as(LEAD);
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set(lead)
      .send({ product: 'Legacy AV 12', action: 'coexist', quarantines: true })
      .expect(200);
    for (const site of ['Tokyo', 'Shanghai'])
      await t.http().put(`${base}/sites/${site}`).set(lead).send(SITE).expect(200);
    for (const [name, priority, type] of [
      ['Office PCs', 10, 'client'],
      ['Servers', 20, 'server'],
    ] as const) {
      const created = await t
        .http()
        .post(`${base}/groups`)
        .set(lead)
        .send({ name, kind: 'production', priority, rule: { type: [type] } })
        .expect(201);
      groups[name] = created.body.id;
    }
    await t
      .http()
      .put(`${base}/notification-routing`)
      .set(lead)
      .send({ mode: 'per_country' })
      .expect(200);
    await t
      .http()
      .post(`${base}/block-list`)
      .set(await as(ANALYST))
      .send({ type: 'domain', value: 'evil.example', reason: 'C2 of the 2024 incident' })
      .expect(201);

    const order: [string, string, string][] = [
      ['existing_av_plan', LEAD, SECURITY],
      ['update_policy', LEAD, SECURITY],
      ['group_policy_design', LEAD, SECURITY],
      ['migration_plan', LEAD, SECURITY],
      ['update_waves_plan', LEAD, IT_CN],
      ['static_block_list', ANALYST, SECURITY],
      ['notification_routing', LEAD, SECURITY],
    ];
    for (const [key, proposer, approver] of order) {
      const proposed = await propose(proposer, key);
      expect({ key, status: proposed.status }).toEqual({ key, status: 201 });
      const approved = await approve(approver, key);
      expect({ key, status: approved.status, hash: approved.body.contentHash }).toEqual({
        key,
        status: 200,
        hash: proposed.body.proposal.hash,
      });
    }
    const snapshot = await t.dataSource.query(
      `SELECT content FROM step_submission WHERE onboarding_id = $1 AND step_key = 'update_waves_plan'`,
      [onboardingId],
    );
    expect(snapshot[0].content.configuration.sites).toEqual([
      { key: 'shanghai', site: 'Shanghai', maxConcurrentDownloads: 4, waves: 1, totalMinutes: 2.5 },
      { key: 'tokyo', site: 'Tokyo', maxConcurrentDownloads: 4, waves: 2, totalMinutes: 10 },
    ]);
    for (const key of CONFIGURATION_STEPS)
      expect({ key, state: await stateOf(key) }).toEqual({ key, state: 'done' });
  });

  it('makes exactly the approvals a change touches stale, in the changing transaction, and says what changed', async () => {
    // The analysts' proposals are asked in the daily digest (see the proposer's mail below).
    await t
      .http()
      .put('/api/me/notification-preferences')
      .set(await as(ANALYST))
      .send({ deliveries: { step_opened: 'digest' } })
      .expect(200);
    const lead = await as(LEAD);
    // A policy: only the design (the update settings, the migration order and the waves are as approved).
    await t
      .http()
      .put(`${base}/groups/${groups['Office PCs']}/policy`)
      .set(lead)
      .send({ mode: 'detect', quarantine: true, updates: 'manual', maxConcurrentUpdates: 10 })
      .expect(200);
    await expectStaleInTransactionOf('group_policy_design', {
      table: 'group_policy',
      where: 'group_id = $1',
      params: [groups['Office PCs']],
    });
    expect(await gateReason('group_policy_design')).toContain(
      'what you approved changed: Group “Office PCs”: Quarantine (No → Yes)',
    );
    for (const key of ['update_policy', 'migration_plan', 'update_waves_plan'])
      expect({ key, state: await stateOf(key) }).toEqual({ key, state: 'done' });

    // A site's bandwidth: the update policy and the waves.
    await t
      .http()
      .put(`${base}/sites/Tokyo`)
      .set(lead)
      .send({ ...SITE, linkMbps: 70 })
      .expect(200);
    for (const key of ['update_policy', 'update_waves_plan']) {
      await expectStaleInTransactionOf(key, {
        table: 'site_bandwidth',
        where: 'engagement_id = $1 AND site = $2',
        params: [engagementId, 'Tokyo'],
      });
    }
    expect(await gateReason('update_policy')).toContain('Site Tokyo: Link (100 Mbps → 70 Mbps)');

    // A product plan: the AV plan and the migration plan (products kept while nothing blocks).
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set(lead)
      .send({
        product: 'Legacy AV 12',
        action: 'remove',
        removePhase: 'pre_production',
        quarantines: true,
      })
      .expect(200);
    for (const key of ['existing_av_plan', 'migration_plan']) {
      await expectStaleInTransactionOf(key, {
        table: 'security_product_plan',
        where: 'engagement_id = $1',
        params: [engagementId],
      });
    }
    expect(await gateReason('existing_av_plan')).toContain(
      'Product Legacy AV 12: Plan (Coexist → Remove)',
    );

    // The routing rule, the block list.
    await t
      .http()
      .put(`${base}/notification-routing`)
      .set(lead)
      .send({ mode: 'headquarters_first' })
      .expect(200);
    await expectStaleInTransactionOf('notification_routing', {
      table: 'notification_routing',
      where: 'engagement_id = $1',
      params: [engagementId],
    });
    const added = await t
      .http()
      .post(`${base}/block-list`)
      .set(await as(ANALYST))
      .send({ type: 'ip', value: '203.0.113.7', reason: 'Scanner' })
      .expect(201);
    await expectStaleInTransactionOf('static_block_list', {
      table: 'block_list_entry',
      where: 'id = $1',
      params: [added.body.id],
    });

    // A newer decision waiting for approval: its endpoint now follows it, so it has no approved one.
    const decision = await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set(lead)
      .send({ kind: 'upgrade', upgradeBy: '2027-03-31', filters: {} })
      .expect(201);
    await expectStaleInTransactionOf('unsupported_os_decisions', {
      table: 'endpoint_decision',
      where: 'id = $1',
      params: [decision.body.id],
    });
    expect(await gateReason('unsupported_os_decisions')).toContain(
      'Endpoints needing a decision without an approved one (0 → 1)',
    );
    await t
      .http()
      .post(`${base}/endpoint-decisions/${decision.body.id}/approve`)
      .set(await as(SECURITY))
      .expect(200);
    const again = await propose(LEAD, 'unsupported_os_decisions');
    const comparison = await t
      .http()
      .get(
        `${stepPath('unsupported_os_decisions', 'proposals')}/${again.body.proposal.version}/comparison?language=en`,
      )
      .set(await as(SECURITY))
      .expect(200);
    expect(comparison.body.changes).toEqual([
      {
        kind: 'added',
        key: `decisions:${decision.body.id}`,
        item: 'Upgrade (1 endpoint(s))',
        field: null,
        before: null,
        after: null,
      },
    ]);
  });

  it('makes the migration plan stale when a newly approved agreement changes the tuning period', async () => {
    for (const [key, proposer, approver] of [
      ['existing_av_plan', LEAD, SECURITY],
      ['migration_plan', LEAD, SECURITY],
    ]) {
      expect((await propose(proposer, key)).status).toBe(201);
      expect((await approve(approver, key)).status).toBe(200);
    }
    const lead = await as(LEAD);
    const v1 = await t.http().get(`${base}/agreement/versions/1`).set(lead).expect(200);
    await t
      .http()
      .put(`${base}/agreement`)
      .set(lead)
      .send({ ...v1.body.content, minimumTuningPeriodDays: 45 })
      .expect(200);
    await t.http().post(`${base}/agreement/versions/2/propose`).set(lead).expect(200);
    expect(await stateOf('migration_plan')).toBe('done');
    await t
      .http()
      .post(`${base}/agreement/versions/2/approve`)
      .set(await as(SECURITY))
      .send({})
      .expect(200);
    expect(await stateOf('migration_plan')).toBe('stale');
    expect(await gateReason('migration_plan')).toContain(
      'what you approved changed: Minimum tuning period in detect mode (30 day(s) → 45 day(s))',
    );
  });

  it('mails each approver, in their language, what changed in what they approved', async () => {
    const design = await staleMail(SECURITY, 'グループとポリシー設計の承認');
    expect(design.text).toContain('変更点：グループ「Office PCs」：隔離（いいえ → はい）');
    expect(design.text).toContain(`/onboardings/${onboardingId}`);
    // The approver cannot approve until the provider proposes the current plan (409 APPROVAL_STALE):
    // the mail says so, and asks nothing of them now.
    expect(design.text).toContain('いただいた承認は無効となりました');
    expect(design.text).toContain(
      '現時点でのご対応は不要です。Example MDRのMDR プロバイダー責任者が変更後の計画を改めて提案した後に',
    );
    expect(design.text).not.toMatch(/再度ご承認|差し戻/);
    expect(design.html).not.toContain('最新の内容を確認する');
    // Country IT approved the waves; it-cn reads Chinese.
    const waves = await staleMail(IT_CN, '审批分批更新计划');
    expect(waves.text).toContain('变更内容：');
    expect(waves.text).toContain('站点 Tokyo');
    expect(waves.text).toContain('目前无需您进行任何操作');
    expect(waves.text).not.toContain('重新批准');
    await staleMail(SECURITY, '静的ブロックリストの承認');
    // Nobody on the customer's side was asked to approve the stale design again.
    expect(await openedMailsOf('group_policy_design')).toEqual([]);
  });

  it('asks the proposer’s role to propose the current plan, with what changed and a link to the proposal', async () => {
    const design = await mailTo(
      LEAD,
      'Please propose the current plan again',
      'Approve the group and policy design',
    );
    expect(design.text).toContain('What changed: Group “Office PCs”: Quarantine (No → Yes)');
    expect(design.text).toContain(
      'As MDR provider lead, please review the current plan and propose it again',
    );
    expect(design.text).toContain(
      `/onboardings/${onboardingId}/steps/group_policy_design/proposals/1`,
    );
    expect(design.html).toMatch(
      new RegExp(`href="[^"]*/onboardings/${onboardingId}/steps/group_policy_design/proposals/1"`),
    );
    // The block list is proposed by the provider's analysts, not the lead; the analyst chose the
    // digest for steps waiting on them, so the request is held for it, not mailed.
    const held = await until('the analyst’s held request to propose the block list', async () => {
      const rows = (await t.dataSource.query(
        `SELECT h.kind, h.delivery, h.subject, h.link FROM held_notification h
           JOIN app_user u ON u.id = h.user_id
          WHERE u.email = $1 AND h.subject LIKE 'Please propose the current plan again%'`,
        [ANALYST],
      )) as { kind: string; delivery: string; subject: string; link: string }[];
      return rows.length > 0 ? rows : undefined;
    });
    expect(held).toEqual([
      {
        kind: 'step_opened',
        delivery: 'digest',
        subject: expect.stringMatching(/block list/i),
        link: expect.stringMatching(
          new RegExp(`/onboardings/${onboardingId}/steps/static_block_list/proposals/1$`),
        ),
      },
    ]);
    expect(
      smtp.messages.some(
        (m) => recipients(m).includes(ANALYST) && /propose the current plan/.test(m.subject ?? ''),
      ),
    ).toBe(false);
    expect(
      smtp.messages.some(
        (m) =>
          recipients(m).includes(LEAD) &&
          /propose the current plan/.test(m.subject ?? '') &&
          /block list/i.test(m.subject ?? ''),
      ),
    ).toBe(false);
  });

  it('compares a new proposal with the last approved one, field by field', async () => {
    const proposed = await propose(LEAD, 'group_policy_design', {
      note: 'Office PCs quarantine: the AV is removed in pre-production',
    });
    expect(proposed.body.proposal.version).toBe(2);
    // The current plan is proposed: now the approver is asked to approve again, and can.
    expect(await openedMailsOf('group_policy_design')).toEqual([SECURITY]);
    const asked = await mailTo(SECURITY, '再承認のお願い', 'グループとポリシー設計の承認');
    expect(asked.text).toContain('改めて承認が必要になりました');
    const comparison = await t
      .http()
      .get(`${stepPath('group_policy_design', 'proposals')}/2/comparison?language=en`)
      .set(await as(SECURITY))
      .expect(200);
    expect(comparison.body).toMatchObject({
      stepKey: 'group_policy_design',
      version: 2,
      comparedWith: { version: 1, approvedBy: '佐藤 花子' },
    });
    expect(comparison.body.changes).toEqual([
      {
        kind: 'changed',
        key: `groups:${groups['Office PCs']}`,
        item: 'Group “Office PCs”',
        field: 'Quarantine',
        before: 'No',
        after: 'Yes',
      },
    ]);
    const ja = await t
      .http()
      .get(`${stepPath('group_policy_design', 'proposals')}/2/comparison`)
      .set(await as(SECURITY))
      .expect(200);
    expect(ja.body.changes[0]).toMatchObject({
      item: 'グループ「Office PCs」',
      field: '隔離',
      before: 'いいえ',
      after: 'はい',
    });
  });

  it('asks the approver about the newest proposal only: a request written for a replaced version sends nothing', async () => {
    // Two proposals in quick succession (one outdated by a change in between) each write a
    // request to the approver; the worker may reach the first only after the second exists.
    const [step] = await t.dataSource.query(
      `SELECT id, opened_at FROM onboarding_step WHERE onboarding_id = $1 AND key = 'group_policy_design'`,
      [onboardingId],
    );
    const [approver] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [
      SECURITY,
    ]);
    const handler = t.worker!.get(StepOpenedHandler);
    const ref = {
      onboardingId,
      stepId: step.id,
      stepKey: 'group_policy_design',
      openedAt: new Date(step.opened_at).toISOString(),
      userId: approver.id,
    };
    const asked = (outboxId: string) =>
      t.dataSource.query(`SELECT 1 FROM sent_notification WHERE outbox_id = $1`, [outboxId]);
    const replaced = randomUUID();
    await handler.handle(replaced, { ...ref, proposalVersion: 1 });
    expect(await asked(replaced)).toHaveLength(0);
    const newest = randomUUID();
    await handler.handle(newest, { ...ref, proposalVersion: 2 });
    expect(await asked(newest)).toHaveLength(1);
  });

  it('refuses to approve a proposal the configuration has moved away from, and takes it again once it is back', async () => {
    const lead = await as(LEAD);
    const policy = {
      mode: 'detect',
      quarantine: false,
      updates: 'manual',
      maxConcurrentUpdates: 10,
    };
    await t
      .http()
      .put(`${base}/groups/${groups['Office PCs']}/policy`)
      .set(lead)
      .send(policy)
      .expect(200);
    const step = await stepOf('group_policy_design');
    expect(step.proposal).toMatchObject({
      version: 2,
      outdated: { en: 'Group “Office PCs”: Quarantine (Yes → No)' },
    });
    const refused = await approve(SECURITY, 'group_policy_design');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('APPROVAL_STALE');
    expect(refused.body.message).toContain(
      'The configuration changed after proposal v2 was taken (Group “Office PCs”: Quarantine (Yes → No))',
    );
    const events = await t.dataSource.query(
      `SELECT reason FROM onboarding_event WHERE onboarding_id = $1 AND step_key = 'group_policy_design' AND action = 'proposal_outdated'`,
      [onboardingId],
    );
    expect(events).toHaveLength(1);

    await t
      .http()
      .put(`${base}/groups/${groups['Office PCs']}/policy`)
      .set(lead)
      .send({ ...policy, quarantine: true })
      .expect(200);
    expect((await stepOf('group_policy_design')).proposal?.outdated).toBeNull();
    const approved = await approve(SECURITY, 'group_policy_design');
    expect(approved.status).toBe(200);
    expect(approved.body.contentHash).toBe(step.proposal?.contentHash);
  });

  it('lets only the step’s proposer propose and its approver approve (403); another tenant gets 404', async () => {
    expect((await propose(SECURITY, 'group_policy_design')).status).toBe(403);
    expect((await propose(IT_JP, 'static_block_list')).status).toBe(403);
    expect((await propose(LEAD, 'static_block_list')).status).toBe(403);
    expect((await approve(IT_JP, 'group_policy_design')).status).toBe(403);
    expect((await approve(SECURITY, 'update_waves_plan')).status).toBe(403);
    const document = `${stepPath('group_policy_design', 'proposals')}/2/document`;
    await t
      .http()
      .get(document)
      .set(await as(IT_JP))
      .expect(200);
    for (const path of [document, `${stepPath('group_policy_design', 'proposals')}/2/comparison`]) {
      const other = await t
        .http()
        .get(path)
        .set(await as('security@northwind.example'));
      expect(other.status).toBe(404);
      expect(other.text).not.toContain('Office PCs');
    }
    await t
      .http()
      .get(`${stepPath('group_policy_design', 'proposals')}/9/document`)
      .set(await as(LEAD))
      .expect(404);
    await t
      .http()
      .get(`${stepPath('endpoint_inventory', 'proposals')}/1/document`)
      .set(await as(LEAD))
      .expect(404);
  });

  it('says why an approval went stale in the reader’s language on the history pages', async () => {
    // An event recorded before the changes were kept in each language: shown as stored.
    await t.dataSource.query(
      `INSERT INTO onboarding_event (onboarding_id, step_key, action, from_state, to_state, reason, at)
       VALUES ($1, 'notification_routing', 'stale', 'done', 'stale', 'what you approved changed: Old row', '2020-01-01')`,
      [onboardingId],
    );
    const historyItems = async (email: string, path: string): Promise<string[]> => {
      const agent = portalAgent(t);
      await signIn(agent, email);
      const html = (await agent.get(path).expect(200)).text;
      return [...html.matchAll(/<li class="history__item"[\s\S]*?<\/li>/g)].map((m) =>
        textOf(m[0]),
      );
    };
    const history = `/onboardings/${onboardingId}/history`;
    const ja = await historyItems(SECURITY, history);
    expect(ja).toContainEqual(
      expect.stringContaining(
        '承認された内容が変更されました：グループ「Office PCs」：隔離（いいえ → はい）',
      ),
    );
    expect(ja).toContainEqual(
      expect.stringContaining(
        '提案第2版の取得後に設定が変更されました：グループ「Office PCs」：隔離（はい → いいえ）',
      ),
    );
    expect(ja.join('\n')).not.toContain('what you approved changed: Group');
    expect(ja.join('\n')).not.toContain('the configuration changed after proposal');
    expect(ja).toContainEqual(expect.stringContaining('what you approved changed: Old row'));
    const en = await historyItems(LEAD, history);
    expect(en).toContainEqual(
      expect.stringContaining(
        'What was approved changed: Group “Office PCs”: Quarantine (No → Yes)',
      ),
    );
    expect(en).toContainEqual(
      expect.stringContaining(
        'The configuration changed after proposal version 2 was taken: Group “Office PCs”: Quarantine (Yes → No)',
      ),
    );
    // The newest 20 on the onboarding page say it the same way.
    const page = await historyItems(SECURITY, `/onboardings/${onboardingId}`);
    expect(page).toContainEqual(
      expect.stringContaining(
        '提案第2版の取得後に設定が変更されました：グループ「Office PCs」：隔離（はい → いいえ）',
      ),
    );
  });

  it('fills in the changes of events recorded before they were kept, where the proposal still has them (the migration)', async () => {
    const staleEvents = async (): Promise<{ id: string; details: unknown }[]> =>
      t.dataSource.query(
        `SELECT id, details FROM onboarding_event WHERE onboarding_id = $1 AND action = 'stale' ORDER BY id`,
        [onboardingId],
      );
    const kept = await staleEvents();
    const written = kept.filter((e) => e.details !== null);
    expect(written.length).toBeGreaterThanOrEqual(5);
    const migration = new LocaliseHistoryChanges1765720000000();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    // Every stale event written with its changes gets them back from the proposal it outdated;
    // the old row without a proposal behind it keeps its stored English.
    expect(await staleEvents()).toEqual(kept);
  });
});
