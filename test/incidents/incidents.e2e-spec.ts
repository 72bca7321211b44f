// date-sensitive: SLA deadlines and action timeouts (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { AuditRecord } from '@app/audit';
import { IncidentAction } from '@app/incidents';
import { testClockNow } from '../support/test-clock';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { IncidentHarness } from './support/incident-harness';

/*
 * Incidents on the real stack (API, outbox, BullMQ on Redis, a worker, SMTP on loopback) under
 * the sample agreement: SLA critical 15/60 min; isolate_host collaborate 30 min → act;
 * kill_process authorize (authorised in advance); disable_account notify (recommend only);
 * never-touch host sk-erp-db01.
 */
const MINUTE = 60_000;
const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';

describe('incidents: SLA timers, runbook tasks, response actions', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let engagementId: string;
  let base: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    engagementId = await h.engagementId();
    base = `/api/engagements/${engagementId}/incidents`;
  });

  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  const open = async (body: object) => {
    const response = await h.call(LEAD, 'post', base, body);
    if (response.status !== 201)
      throw new Error(`open: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; [k: string]: unknown };
  };
  const get = async (id: string) => (await h.call(LEAD, 'get', `${base}/${id}`)).body;

  it('refuses an incident before the service has started (409 naming it)', async () => {
    const response = await h.call(LEAD, 'post', base, {
      title: 'Ransomware',
      severity: 'critical',
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('INCIDENTS_BEFORE_SERVICE_START');
    expect(response.body.message).toMatch(/service .* has not started/);
    await h.startSakuraService(engagementId);
  }, 180_000);

  it('opens an incident with SLA deadlines, the runbook tasks of its severity and a timeline', async () => {
    const opened = testClockNow();
    h.travel(opened);
    const incident = await open({
      title: 'Ransomware on sk-pc-0042',
      host: 'sk-pc-0042',
      severity: 'critical',
    });
    expect(incident.status).toBe('new');
    expect(
      Date.parse(incident.acknowledgeDueAt as string) - Date.parse(incident.startedAt as string),
    ).toBe(15 * MINUTE);
    expect(
      Date.parse(incident.respondDueAt as string) - Date.parse(incident.startedAt as string),
    ).toBe(60 * MINUTE);
    const keys = (incident.tasks as { stepKey: string }[]).map((task) => task.stepKey);
    expect(keys).toContain('triage_critical');
    expect(keys).not.toContain('triage_low');
    expect(keys).toContain('post_incident_review');
    const triage = (incident.tasks as { stepKey: string; dueAt: string }[]).find(
      (task) => task.stepKey === 'triage_critical',
    );
    expect(triage?.dueAt).toBe(incident.acknowledgeDueAt);
    expect((incident.timeline as { type: string }[])[0]?.type).toBe('opened');

    const task = (incident.tasks as { id: string }[])[0];
    const done = await h.call(
      'analyst@mdr.example',
      'post',
      `${base}/${incident.id}/tasks/${task?.id}/complete`,
    );
    expect(done.status).toBe(200);
    expect(
      (done.body.tasks as { id: string; status: string }[]).find((x) => x.id === task?.id)?.status,
    ).toBe('done');
    expect(
      (
        await h.call(
          'analyst@mdr.example',
          'post',
          `${base}/${incident.id}/tasks/${task?.id}/complete`,
        )
      ).status,
    ).toBe(409);
  });

  it('records a late acknowledgement as a breach once, and the respond deadline job records its breach once', async () => {
    const start = testClockNow();
    h.travel(start);
    const incident = await open({ title: 'Credential theft', severity: 'critical' });
    h.travel(new Date(start.getTime() + 20 * MINUTE));
    const acked = await h.call(LEAD, 'post', `${base}/${incident.id}/acknowledge`);
    expect(acked.status).toBe(200);
    expect(acked.body.breaches.map((b: { timer: string }) => b.timer)).toEqual(['acknowledge']);
    // The acknowledge deadline job comes after: nothing more is recorded.
    await h.runDelayed(`incident-sla:${incident.id}:acknowledge`);
    // Nobody responds: at the respond deadline the job records that breach.
    h.travel(new Date(start.getTime() + 61 * MINUTE));
    await h.runDelayed(`incident-sla:${incident.id}:respond`);
    const after = await get(incident.id);
    expect(after.breaches.map((b: { timer: string }) => b.timer)).toEqual([
      'acknowledge',
      'respond',
    ]);
    const late = await h.call(LEAD, 'post', `${base}/${incident.id}/respond`);
    expect(late.status).toBe(200);
    expect(late.body.breaches).toHaveLength(2);
    expect(
      late.body.timeline.filter((e: { type: string }) => e.type === 'sla_breached'),
    ).toHaveLength(2);
  });

  it('acknowledged in time: the deadline job records no breach', async () => {
    h.travel(testClockNow());
    const incident = await open({ title: 'Suspicious PowerShell', severity: 'high' });
    expect((await h.call(LEAD, 'post', `${base}/${incident.id}/acknowledge`)).status).toBe(200);
    h.travel(new Date(testClockNow().getTime() + 31 * MINUTE));
    await h.runDelayed(`incident-sla:${incident.id}:acknowledge`);
    expect((await get(incident.id)).breaches).toEqual([]);
  });

  it('moves the status only forward, each change on the timeline', async () => {
    h.travel(testClockNow());
    const incident = await open({ title: 'Beaconing', severity: 'medium' });
    const path = `${base}/${incident.id}/status`;
    expect((await h.call(LEAD, 'post', path, { status: 'contained' })).status).toBe(200);
    const back = await h.call(LEAD, 'post', path, { status: 'triaged' });
    expect(back.status).toBe(409);
    expect((await h.call(LEAD, 'post', path, { status: 'resolved' })).status).toBe(200);
    const reopened = await h.call(LEAD, 'post', path, { status: 'triaged' });
    expect(reopened.status).toBe(200);
    expect(
      reopened.body.timeline
        .filter((e: { type: string }) => e.type === 'status_changed')
        .map((e: { details: { status: { to: string } } }) => e.details.status.to),
    ).toEqual(['contained', 'resolved', 'triaged']);
    expect((await h.call(SECURITY, 'post', path, { status: 'closed' })).status).toBe(403);
    expect((await h.call(LEAD, 'post', path, { status: 'bogus' })).status).toBe(400);
  });

  it('closes only when every runbook task is done or marked not applicable with a reason; the report says which', async () => {
    h.travel(testClockNow());
    const incident = await open({ title: 'Phishing click', severity: 'high' });
    const path = `${base}/${incident.id}`;
    const tasks = incident.tasks as {
      id: string;
      stepKey: string;
      title: string;
      owner: { party: string };
    }[];
    expect(tasks.length).toBeGreaterThan(1);
    expect((await h.call(LEAD, 'post', `${path}/status`, { status: 'resolved' })).status).toBe(200);
    const refused = await h.call(LEAD, 'post', `${path}/status`, { status: 'closed' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INCIDENT_TASKS_OPEN');
    expect(refused.body.details.openTasks.map((t: { taskId: string }) => t.taskId).sort()).toEqual(
      tasks.map((t) => t.id).sort(),
    );
    expect(refused.body.message).toContain(tasks[0].title);

    const [skipped, ...rest] = tasks;
    const notApplicable = `${path}/tasks/${skipped.id}/not-applicable`;
    const unexplained = await h.call(LEAD, 'post', notApplicable, { reason: '' });
    expect(unexplained.status).toBe(400);
    expect(JSON.stringify(unexplained.body.details)).toContain('reason');
    const marked = await h.call(LEAD, 'post', notApplicable, {
      reason: 'No mailbox rules exist on this tenant',
    });
    expect(marked.status).toBe(200);
    expect(marked.body.tasks.find((t: { id: string }) => t.id === skipped.id)).toMatchObject({
      status: 'not_applicable',
      note: 'No mailbox rules exist on this tenant',
    });
    expect((await h.call(LEAD, 'post', notApplicable, { reason: 'again' })).status).toBe(409);
    const stillOpen = await h.call(LEAD, 'post', `${path}/status`, { status: 'closed' });
    expect(stillOpen.body.details.openTasks).toHaveLength(rest.length);
    for (const task of rest) {
      expect(
        (
          await h.call(
            task.owner.party === 'customer' ? SECURITY : LEAD,
            'post',
            `${path}/tasks/${task.id}/complete`,
            { note: `done: ${task.stepKey}` },
          )
        ).status,
      ).toBe(200);
    }
    const closed = await h.call(LEAD, 'post', `${path}/status`, { status: 'closed' });
    expect(closed.status).toBe(200);
    expect(closed.body.timeline.map((e: { type: string }) => e.type)).toContain(
      'task_not_applicable',
    );
    // A closed incident's tasks stay as they were.
    expect((await h.call(LEAD, 'post', `${path}/tasks/${rest[0].id}/complete`, {})).status).toBe(
      409,
    );
    const audited = await t.dataSource.query(
      `SELECT changes->>'reason' AS reason FROM audit_record WHERE subject_id = $1 AND action = 'incident.task_not_applicable'`,
      [incident.id],
    );
    expect(audited).toEqual([{ reason: 'No mailbox rules exist on this tenant' }]);
    const report = await t
      .http()
      .get(`${path}/report?format=html`)
      .set('Authorization', await h.tokens.for(LEAD))
      .expect(200);
    expect(report.text).toContain('No mailbox rules exist on this tenant');
    expect(report.text).toContain(`done: ${rest[0].stepKey}`);
  });

  describe('response actions', () => {
    let incidentId: string;
    beforeAll(async () => {
      h.travel(testClockNow());
      incidentId = (
        await open({ title: 'Lateral movement', severity: 'critical', host: 'sk-pc-0100' })
      ).id;
    });
    const request = (body: object) =>
      h.call('analyst@mdr.example', 'post', `${base}/${incidentId}/actions`, body);

    it('authorize: executed at once and the security lead told in Japanese', async () => {
      const after = sink.messages.length;
      const response = await request({
        action: 'kill_process',
        target: 'sk-pc-0100',
        reason: 'malware.exe',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ mode: 'authorize', status: 'executed' });
      const mail = await h.mail(SECURITY, '【対応措置の実施】', after);
      expect(mail.text).toContain('sk-pc-0100');
      expect(mail.text).toContain('プロセスの強制終了');
    });

    it('refuses a never-touch asset, naming it and the reason; stores nothing but the audit', async () => {
      const response = await request({ action: 'isolate_host', target: 'SK-ERP-DB01' });
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('sk-erp-db01 is a never-touch host');
      const group = await request({
        action: 'isolate_host',
        target: 'production line controllers',
        targetType: 'group',
      });
      expect(group.body.message).toContain('OT systems');
      const stored = await t.dataSource
        .getRepository(IncidentAction)
        .findBy({ incidentId, action: 'isolate_host' });
      expect(stored).toEqual([]);
      const audits = await t.dataSource
        .getRepository(AuditRecord)
        .findBy({ action: 'incident.action_refused', subjectId: incidentId });
      expect(audits).toHaveLength(2);
    });

    it('collaborate: the emailed link shows the request and decides it once; reused it is invalid', async () => {
      const after = sink.messages.length;
      const response = await request({ action: 'isolate_host', target: 'sk-pc-0100' });
      expect(response.body).toMatchObject({
        mode: 'collaborate',
        status: 'awaiting_customer',
        fallback: 'act',
      });
      const mail = await h.mail(SECURITY, '【承認のお願い】', after);
      const token = /\/incident-actions\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1] ?? '';
      expect(token).toHaveLength(43);
      const page = await t.http().get(`/incident-actions/${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('sk-pc-0100');
      // The link alone is only the mailbox: the security lead confirms with their password (their
      // strongest factor); without it, or with a wrong one, nothing is decided and the link stays.
      expect(page.text).toContain('name="password"');
      expect((await decideByLinkAt(token, 'approve')).status).toBe(400);
      expect((await decideByLinkAt(token, 'approve', 'not-the-password')).status).toBe(401);
      expect(
        await t.dataSource.getRepository(IncidentAction).findOneByOrFail({ id: response.body.id }),
      ).toMatchObject({ status: 'awaiting_customer' });
      const decided = await decideByLinkAt(token, 'approve', TEST_PASSWORD);
      expect(decided.status).toBe(200);
      const action = await t.dataSource
        .getRepository(IncidentAction)
        .findOneByOrFail({ id: response.body.id });
      expect(action).toMatchObject({ status: 'executed', decidedVia: 'link' });
      expect((await t.http().get(`/incident-actions/${token}`)).status).toBe(404);
      expect((await t.http().get(`/incident-actions/${'x'.repeat(43)}`)).status).toBe(404);
    });

    it('collaborate: nobody answers within the timeout → the fallback executes it once, the link ends', async () => {
      const start = testClockNow();
      h.travel(start);
      const after = sink.messages.length;
      const response = await request({ action: 'isolate_host', target: 'sk-pc-0101' });
      const mail = await h.mail(SECURITY, '【承認のお願い】', after);
      const token = /\/incident-actions\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1] ?? '';
      h.travel(new Date(start.getTime() + 31 * MINUTE));
      await h.runDelayed(`incident-action-timeout:${response.body.id}`);
      const action = await t.dataSource
        .getRepository(IncidentAction)
        .findOneByOrFail({ id: response.body.id });
      expect(action).toMatchObject({ status: 'executed_by_fallback', decidedVia: 'fallback' });
      expect((await t.http().get(`/incident-actions/${token}`)).status).toBe(404);
      const detail = await get(incidentId);
      expect(
        detail.timeline.filter((e: { type: string }) => e.type === 'action_fallback_executed'),
      ).toHaveLength(1);
      // Too late for the customer now.
      expect(
        (
          await h.call(
            SECURITY,
            'post',
            `${base}/${incidentId}/actions/${response.body.id}/approve`,
          )
        ).status,
      ).toBe(409);
    });

    it('notify: the provider only recommends; nothing is executed and the security lead is told', async () => {
      const after = sink.messages.length;
      const response = await request({
        action: 'disable_account',
        target: 'svc-backup',
        reason: 'credentials leaked',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        mode: 'notify',
        status: 'recommended',
        executedAt: null,
      });
      const mail = await h.mail(SECURITY, '【対応措置の推奨】', after);
      expect(mail.text).toContain('svc-backup');
      const path = `${base}/${incidentId}/actions/${response.body.id}`;
      // A recommendation is not an approval request: nobody can approve it into execution.
      expect((await h.call(SECURITY, 'post', `${path}/approve`)).status).toBe(409);
      const detail = await get(incidentId);
      expect(
        detail.timeline.filter((e: { type: string }) => e.type === 'action_recommended'),
      ).toHaveLength(1);
      expect(
        detail.timeline.some(
          (e: { type: string; details?: { actionId?: string } }) =>
            e.type === 'action_executed' && e.details?.actionId === response.body.id,
        ),
      ).toBe(false);
    });

    it('collaborate: only the security lead (not the provider or IT) decides in the API', async () => {
      const response = await request({ action: 'isolate_host', target: 'sk-pc-0102' });
      expect(response.body).toMatchObject({ mode: 'collaborate', status: 'awaiting_customer' });
      const path = `${base}/${incidentId}/actions/${response.body.id}`;
      expect((await h.call(LEAD, 'post', `${path}/approve`)).status).toBe(403);
      expect((await h.call('it-jp@sakura.example', 'post', `${path}/approve`)).status).toBe(403);
      // Deciding re-authenticates: the security lead has only a password, so the password.
      const bare = await h.call(SECURITY, 'post', `${path}/decline`);
      expect(bare.status).toBe(400);
      expect(bare.body.details).toEqual([
        { field: 'password', reason: 're-authenticate with your password' },
      ]);
      expect(
        (await h.call(SECURITY, 'post', `${path}/decline`, { password: 'not the password at all' }))
          .status,
      ).toBe(401);
      const declined = await h.call(SECURITY, 'post', `${path}/decline`, {
        password: TEST_PASSWORD,
      });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', decidedVia: 'portal' });
      const audits = await t.dataSource
        .getRepository(AuditRecord)
        .findBy({ action: 'incident.action_declined', subjectId: incidentId });
      expect(audits.find((a) => a.changes.actionId === response.body.id)?.changes).toMatchObject({
        via: 'portal',
        reauthenticated: 'password',
      });
      expect((await h.call(SECURITY, 'post', `${path}/approve`)).status).toBe(409);
    });

    it('customers read their incidents; another tenant gets 404 on every incident route', async () => {
      const list = await h.call(SECURITY, 'get', base);
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect((await h.call(SECURITY, 'post', base, { title: 'x', severity: 'low' })).status).toBe(
        403,
      );
      const detail = await get(incidentId);
      const actionId = (detail.actions as { id: string }[])[0]?.id;
      const taskId = (detail.tasks as { id: string }[])[0]?.id;
      const outsider = 'security@northwind.example';
      const routes: ['get' | 'post', string, object][] = [
        ['get', base, {}],
        ['post', base, { title: 'x', severity: 'low' }],
        ['get', `${base}/${incidentId}`, {}],
        ['post', `${base}/${incidentId}/acknowledge`, {}],
        ['post', `${base}/${incidentId}/respond`, {}],
        ['post', `${base}/${incidentId}/status`, { status: 'closed' }],
        ['post', `${base}/${incidentId}/tasks/${taskId}/complete`, {}],
        ['post', `${base}/${incidentId}/actions`, { action: 'block_hash', target: 'abc' }],
        ['post', `${base}/${incidentId}/actions/${actionId}/approve`, {}],
        ['post', `${base}/${incidentId}/actions/${actionId}/decline`, {}],
      ];
      for (const [method, path, body] of routes) {
        const response = await h.call(outsider, method, path, body);
        expect(`${method} ${path} ${response.status}`).toBe(`${method} ${path} 404`);
        expect(JSON.stringify(response.body)).not.toContain('Lateral movement');
      }
    });
  });

  async function decideByLinkAt(
    token: string,
    decision: 'approve' | 'decline',
    password?: string,
  ): Promise<{ status: number; text: string }> {
    const page = await t.http().get(`/incident-actions/${token}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const cookies = page.headers['set-cookie'] as unknown as string[] | undefined;
    if (page.status !== 200 || !csrf || !cookies) return { status: page.status, text: page.text };
    const response = await t
      .http()
      .post(`/incident-actions/${token}`)
      .set('Cookie', cookies.map((c) => c.split(';')[0]).join('; '))
      .type('form')
      .send({ _csrf: csrf, decision, ...(password === undefined ? {} : { password }) });
    return { status: response.status, text: response.text };
  }
});
