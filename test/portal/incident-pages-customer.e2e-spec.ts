import { ReaderZones, User } from '@app/identity';
import { formatMoment } from '@app/platform';
import { remainingTime } from '../../apps/api/src/portal/incidents/remaining-time';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { inspect } from '../support/page-inspection';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfTokenIn, PortalAgent, portalAgent, signIn, textOf } from './portal-client';

const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';
const MINUTE = 60_000;

type Opened = { id: string; escalations: { id: string; status: string }[] };

/**
 * The incident pages as the customer uses them, through the real app and worker: the escalation
 * call acknowledged on the incident page, the banner of a waiting approval on every page of its
 * security lead, and the timeline's folded runs. Sakura's sample agreement: isolate_host is
 * collaborate (the customer approves), contacts contact1/contact2@sakura.example.
 */
describe('portal: incidents for the customer', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let sakura: string;
  let lead: PortalAgent;
  let security: PortalAgent;
  let itJp: PortalAgent;
  let itCn: PortalAgent;
  let northwind: PortalAgent;
  const base = () => `/api/engagements/${sakura}/incidents`;
  const pagePath = (incidentId: string) => `/engagements/${sakura}/incidents/${incidentId}`;

  async function open(title: string): Promise<Opened> {
    const response = await h.call(LEAD, 'post', base(), { title, severity: 'critical' });
    if (response.status !== 201) throw new Error(`open: ${response.status}`);
    return response.body as Opened;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    sakura = await h.engagementId();
    await h.startSakuraService(sakura);
    const agents = await Promise.all(
      [
        LEAD,
        SECURITY,
        'it-jp@sakura.example',
        'it-cn@sakura.example',
        'security@northwind.example',
      ].map(async (email) => {
        const agent = portalAgent(t);
        await signIn(agent, email);
        return agent;
      }),
    );
    [lead, security, itJp, itCn, northwind] = agents;
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('the pending escalation call waits on the incident page; the customer acknowledges it there, once, audited as the link is', async () => {
    const incident = await open('Beacon on SK-PC-0500');
    const call = incident.escalations[0];
    expect(call.status).toBe('pending');
    // The sample agreement's contacts have no accounts: make the security lead this call's addressee.
    await t.dataSource.query(`UPDATE incident_escalation SET contact_email = $2 WHERE id = $1`, [
      call.id,
      SECURITY,
    ]);
    const path = pagePath(incident.id);
    const ackPath = `${path}/escalations/${call.id}/acknowledge`;

    const addressee = await security.get(path).expect(200);
    expect(addressee.text).toMatch(
      new RegExp(
        `data-testid="pending-escalation" data-escalation="${call.id}" data-addressed="you"`,
      ),
    );
    expect(textOf(addressee.text)).toContain('エスカレーション先としてあなたに連絡しています');
    expect(addressee.text).toContain(`action="${ackPath}"`);
    expect(inspect(addressee.text, addressee.headers as Record<string, string>)).toEqual([]);
    // Another of the customer's people sees the call (not as theirs) and may answer it too.
    const colleague = await itJp.get(path).expect(200);
    expect(colleague.text).toContain(`data-escalation="${call.id}"`);
    expect(colleague.text).not.toContain('data-addressed="you"');
    expect(colleague.text).toContain(`action="${ackPath}"`);
    // Provider staff follow the call but have no form for it, and are refused if they post.
    const provider = await lead.get(path).expect(200);
    expect(provider.text).toContain('data-testid="pending-escalation"');
    expect(provider.text).not.toContain(`action="${ackPath}"`);
    const refused = await lead
      .post(ackPath)
      .type('form')
      .send({ _csrf: csrfTokenIn(provider.text) })
      .expect(403);
    expect(refused.text).toContain('data-testid="incident-problem"');
    // Another tenant: 404; no CSRF token: refused before anything happens.
    const own = await northwind.get('/').expect(200);
    await northwind
      .post(ackPath)
      .type('form')
      .send({ _csrf: csrfTokenIn(own.text) })
      .expect(404);
    await security.post(ackPath).type('form').send({}).expect(403);

    const acked = await security
      .post(ackPath)
      .type('form')
      .send({ _csrf: csrfTokenIn(addressee.text) })
      .expect(303);
    expect(acked.headers.location).toBe(`${path}?done=escalation`);
    const after = await security.get(acked.headers.location).expect(200);
    expect(textOf(after.text)).toContain('エスカレーションを受領しました。');
    expect(after.text).not.toContain('data-testid="pending-escalation"');
    expect(after.text).toContain('data-testid="escalation-call" data-status="acknowledged"');
    expect(textOf(after.text)).toContain('ポータルで');
    expect(after.text).toContain('data-type="escalation_acknowledged"');

    const user = await t.dataSource.getRepository(User).findOneByOrFail({ email: SECURITY });
    const [row] = (await t.dataSource.query(
      `SELECT status, acknowledged_by, acknowledged_via FROM incident_escalation WHERE id = $1`,
      [call.id],
    )) as { status: string; acknowledged_by: string; acknowledged_via: string }[];
    expect(row).toEqual({
      status: 'acknowledged',
      acknowledged_by: user.id,
      acknowledged_via: 'portal',
    });
    const audits = (await t.dataSource.query(
      `SELECT actor_user_id, changes FROM audit_record WHERE action = 'incident.escalation_acknowledged' AND subject_id = $1`,
      [incident.id],
    )) as { actor_user_id: string; changes: Record<string, unknown> }[];
    expect(audits).toEqual([
      {
        actor_user_id: user.id,
        changes: expect.objectContaining({ escalationId: call.id, via: 'portal' }),
      },
    ]);

    // Answered already: the colleague's form (loaded before) is refused with the code's message.
    const again = await itJp
      .post(ackPath)
      .type('form')
      .send({ _csrf: csrfTokenIn(colleague.text) })
      .expect(409);
    expect(textOf(again.text)).toContain('このエスカレーションは既に応答済みか、終了しています。');
  });

  it('folds the runbook tasks created at the opening into one expandable line with its count, in ja, en and zh', async () => {
    const incident = await open('Phishing wave');
    const path = pagePath(incident.id);
    const english = await lead.get(path).expect(200);
    const tasks = english.text.match(/data-testid="incident-task"/g)?.length ?? 0;
    expect(tasks).toBeGreaterThan(1);
    const fold = new RegExp(
      `<li data-type="task_created" data-count="${tasks}" data-testid="timeline-fold">\\s*<details`,
    );
    expect(english.text).toMatch(fold);
    expect(textOf(english.text)).toContain(`${tasks} tasks created`);
    // Inside the fold, each created task is its own line; no other line of that kind is left outside.
    const inside = english.text.slice(english.text.search(fold));
    const details = inside.slice(0, inside.indexOf('</details>'));
    expect(details.match(/<li data-type="task_created">/g)).toHaveLength(tasks);
    expect(english.text.match(/<li data-type="task_created"/g)).toHaveLength(tasks + 1);
    // A single event stays a plain line.
    expect(english.text).toMatch(/<li data-type="opened">/);
    expect(textOf((await security.get(path).expect(200)).text)).toContain(
      `タスク ${tasks} 件を作成`,
    );
    const chinese = await itCn.get(path).expect(200);
    expect(textOf(chinese.text)).toContain(`创建了 ${tasks} 个任务`);
    expect(inspect(english.text, english.headers as Record<string, string>)).toEqual([]);
  });

  it('a waiting approval shows on every page of its security lead with the time left and the deadline in their zone; nobody else sees it', async () => {
    const incident = await open('Ransomware on SK-PC-0600');
    const requested = await h.call(LEAD, 'post', `${base()}/${incident.id}/actions`, {
      action: 'isolate_host',
      target: 'sk-pc-0600',
      reason: 'encryption under way',
    });
    expect(requested.status).toBe(201);
    const action = requested.body as { id: string; status: string; timeoutAt: string };
    expect(action.status).toBe('awaiting_customer');
    const deadline = new Date(action.timeoutAt);
    // 1 h 25 min (less half a minute) before the deadline: minutes round up to 1 h 25 min.
    h.travel(new Date(deadline.getTime() - 85 * MINUTE + 30_000));

    const user = await t.dataSource.getRepository(User).findOneByOrFail({ email: SECURITY });
    const zone = await t.app.get(ReaderZones).ofUser(user.id);
    for (const path of ['/', `/engagements/${sakura}/incidents`, '/account']) {
      const page = await security.get(path).expect(200);
      expect(page.text).toContain('data-testid="urgent-approvals"');
      const banner = page.text.slice(
        page.text.indexOf('data-testid="urgent-approvals"'),
        page.text.indexOf('</aside>'),
      );
      const text = textOf(banner);
      expect(text).toContain('至急: あなたの判断を待つ対応アクションがあります');
      expect(text).toContain('ホストの隔離: sk-pc-0600（インシデント: Ransomware on SK-PC-0600）');
      expect(text).toContain(`残り ${remainingTime(deadline, h.now(), 'ja')}`);
      expect(text).toContain('残り 1 時間 25 分');
      expect(text).toContain(`期限 ${formatMoment(deadline, { language: 'ja', timeZone: zone })}`);
      expect(banner).toContain(
        `href="/engagements/${sakura}/incidents/${incident.id}#action-${action.id}"`,
      );
      expect(inspect(page.text, page.headers as Record<string, string>)).toEqual([]);
    }
    // Provider staff, the customer's IT and another customer's security lead: no banner.
    for (const agent of [lead, itJp, itCn, northwind])
      expect((await agent.get('/').expect(200)).text).not.toContain(
        'data-testid="urgent-approvals"',
      );

    // Past the deadline (the fallback has not run in this process yet): the banner says so.
    h.travel(new Date(deadline.getTime() + MINUTE));
    const late = await security.get('/account').expect(200);
    expect(textOf(late.text)).toContain('期限を過ぎています');
    h.travel(new Date(deadline.getTime() - 10 * MINUTE));

    // Deciding through the banner's link: the incident page, then the banner is gone.
    const decide = `/engagements/${sakura}/incidents/${incident.id}`;
    const page = await security.get(decide).expect(200);
    expect(page.text).toContain(`id="action-${action.id}"`);
    await security
      .post(`${decide}/actions/${action.id}/approve`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), password: TEST_PASSWORD })
      .expect(303);
    expect((await security.get('/').expect(200)).text).not.toContain(
      'data-testid="urgent-approvals"',
    );
  });

  it('provider staff record the post-incident review on the page; a refused form keeps what was typed; the customer reads it; final once closed', async () => {
    const incident = await open('Macro beacon on SK-PC-0700');
    const path = pagePath(incident.id);
    const action = `${path}/review`;
    const customerBefore = await security.get(path).expect(200);
    expect(customerBefore.text).toContain('data-testid="review-none"');
    expect(customerBefore.text).not.toContain('data-testid="review-form"');
    const form = await lead.get(path).expect(200);
    expect(form.text).toContain(`action="${action}" data-testid="review-form"`);
    expect(inspect(form.text, form.headers as Record<string, string>)).toEqual([]);
    const owner = await t.dataSource.getRepository(User).findOneByOrFail({ email: SECURITY });
    // The owner list is the engagement's people: Sakura's staff and the provider's, not Northwind's.
    const owners = [...form.text.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(owners).toContain(owner.id);
    const outsider = await t.dataSource
      .getRepository(User)
      .findOneByOrFail({ email: 'security@northwind.example' });
    expect(owners).not.toContain(outsider.id);

    const typed = {
      _csrf: csrfTokenIn(form.text),
      whatHappened: 'A phishing mail ran a macro',
      rootCause: '',
      lessons: 'Macro policy belongs to the baseline',
      itemDescription: ['Block internet macros', '', ''],
      itemOwner: [owner.id, '', ''],
      itemDue: ['2031-01-31', '', ''],
    };
    const refused = await lead.post(action).type('form').send(typed).expect(400);
    expect(refused.text).toContain('<code>rootCause</code>');
    expect(refused.text).toContain('A phishing mail ran a macro</textarea>');
    expect(refused.text).toContain('value="Block internet macros"');
    expect(refused.text).toContain(`<option value="${owner.id}" selected>`);
    expect(refused.text).toContain('value="2031-01-31"');

    const saved = await lead
      .post(action)
      .type('form')
      .send({ ...typed, rootCause: 'Macros from the internet were allowed' })
      .expect(303);
    expect(saved.headers.location).toBe(`${path}?done=review`);
    const customer = await security.get(path).expect(200);
    const recorded = textOf(customer.text);
    expect(customer.text).toContain('data-testid="review-recorded"');
    expect(customer.text).not.toContain('data-testid="review-form"');
    expect(recorded).toContain('Macros from the internet were allowed');
    expect(recorded).toMatch(/Block internet macros 佐藤 花子 2031\/01\/31/);
    expect(recorded).toContain('事後レビューを記録');
    // The customer may not post it.
    await security
      .post(action)
      .type('form')
      .send({ ...typed, _csrf: csrfTokenIn(customer.text) })
      .expect(403);

    // Closed: the review is final, the form gone, a post refused with the code's message.
    const api = `${base()}/${incident.id}`;
    expect((await h.call(LEAD, 'post', `${api}/status`, { status: 'resolved' })).status).toBe(200);
    const detail = await h.call(LEAD, 'get', api);
    for (const task of detail.body.tasks as { id: string; owner: { party: string } }[])
      await h.call(
        task.owner.party === 'customer' ? SECURITY : LEAD,
        'post',
        `${api}/tasks/${task.id}/complete`,
        {},
      );
    expect((await h.call(LEAD, 'post', `${api}/status`, { status: 'closed' })).status).toBe(200);
    const closed = await lead.get(path).expect(200);
    expect(closed.text).toContain('data-testid="review-final"');
    expect(closed.text).toContain('data-testid="review-recorded"');
    expect(closed.text).not.toContain('data-testid="review-form"');
    const late = await lead
      .post(action)
      .type('form')
      .send({ ...typed, _csrf: csrfTokenIn(closed.text), rootCause: 'late' })
      .expect(409);
    expect(textOf(late.text)).toContain(
      'The incident is closed: its post-incident review can no longer be changed.',
    );
  });
});
