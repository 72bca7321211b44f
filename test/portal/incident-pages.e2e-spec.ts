import { AccessScope, ScopeService, User } from '@app/identity';
import { AwaitingApprovalsService, IncidentsService } from '@app/incidents';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { inspect } from '../support/page-inspection';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import {
  csrfTokenIn,
  hiddenFieldsOf,
  PortalAgent,
  portalAgent,
  signIn,
  textOf,
} from './portal-client';

/**
 * The incident queue and incident page through the real app: Sakura's sample agreement has
 * isolate_host collaborate (customer approval), kill_process authorize, never-touch sk-erp-db01.
 */
describe('portal: incident queue and incident page', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let sakura: string;
  let lead: PortalAgent;
  let security: PortalAgent;
  let incidentPath: string;
  const queue = () => `/engagements/${sakura}/incidents`;

  async function post(
    agent: PortalAgent,
    pagePath: string,
    action: string,
    fields: Record<string, string> = {},
  ) {
    const page = await agent.get(pagePath).expect(200);
    // The POST form (the queue's GET filter form has the same action).
    const hidden = hiddenFieldsOf(page.text.replace(`method="get" action="${action}"`, ''), action);
    if (!hidden) throw new Error(`No form posting to ${action} on ${pagePath}`);
    return agent
      .post(action)
      .type('form')
      .send({ ...hidden, ...fields });
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    sakura = await h.engagementId();
    lead = portalAgent(t);
    await signIn(lead, 'lead@mdr.example');
    security = portalAgent(t);
    await signIn(security, 'security@sakura.example');
  });
  afterAll(async () => {
    await h.close();
    await t.close();
    await sink.stop();
  });

  it('before the start of service the queue is a 409 page with a clear message and no form', async () => {
    const page = await lead.get(queue()).expect(409);
    expect(page.text).toContain('data-testid="incidents-not-started"');
    expect(textOf(page.text)).toContain('The service has not started');
    expect(page.text).not.toContain('data-testid="open-incident"');
    const token = csrfTokenIn(page.text);
    const refused = await lead
      .post(queue())
      .type('form')
      .send({ _csrf: token, title: 'Too early', severity: 'high', host: '' })
      .expect(409);
    expect(refused.text).toContain('data-testid="incident-problem"');
    expect((await lead.get('/').expect(200)).text).not.toContain(
      'data-testid="engagement-incidents"',
    );
    await h.startSakuraService(sakura);
  });

  it('a provider lead opens an incident through the form; the queue shows it to provider and customer', async () => {
    const opened = await post(lead, queue(), queue(), {
      title: 'Ransomware on SK-PC-0100',
      severity: 'critical',
      host: 'sk-pc-0100',
    });
    expect(opened.status).toBe(303);
    incidentPath = opened.headers.location.replace(/\?done=opened$/, '');
    expect(incidentPath).toMatch(new RegExp(`^/engagements/${sakura}/incidents/[0-9a-f-]{36}$`));
    const page = await lead.get(opened.headers.location).expect(200);
    expect(page.text).toContain('data-testid="incident-done"');
    expect(textOf(page.text)).toContain('Ransomware on SK-PC-0100');
    expect(page.text).toContain('data-testid="sla-acknowledge" data-state="running"');

    await post(lead, queue(), queue(), {
      title: 'Adware on SK-PC-0200',
      severity: 'low',
      host: '',
    }).then((r) => expect(r.status).toBe(303));
    const providerQueue = await lead.get(queue()).expect(200);
    const rows = [
      ...providerQueue.text.matchAll(
        /data-testid="incident-row" data-status="([a-z]+)" data-severity="([a-z]+)"/g,
      ),
    ].map((m) => m[2]);
    expect(rows).toEqual(['critical', 'low']);
    expect(providerQueue.text).toContain('data-testid="open-incident"');
    const filtered = await lead.get(`${queue()}?severity=low&status=`).expect(200);
    expect(textOf(filtered.text)).toContain('Adware on SK-PC-0200');
    expect(textOf(filtered.text)).not.toContain('Ransomware on SK-PC-0100');

    const customerQueue = await security.get(queue()).expect(200);
    expect(textOf(customerQueue.text)).toContain('Ransomware on SK-PC-0100');
    expect(textOf(customerQueue.text)).toContain('インシデント一覧');
    expect(customerQueue.text).not.toContain('data-testid="open-incident"');
  });

  it('the engagement card and the active onboarding link to the queue', async () => {
    const home = await security.get('/').expect(200);
    expect(home.text).toMatch(new RegExp(`href="${queue()}" data-testid="engagement-incidents"`));
    const onboarding = /href="(\/onboardings\/[0-9a-f-]{36})"/.exec(home.text)?.[1] as string;
    expect(onboarding).toBeDefined();
    const page = await security.get(onboarding).expect(200);
    expect(page.text).toMatch(new RegExp(`href="${queue()}" data-testid="onboarding-incidents"`));
  });

  it('a bad open form is shown again with 400 and the field', async () => {
    const bad = await post(lead, queue(), queue(), { title: '', severity: 'enormous', host: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<code>severity</code>');
  });

  it('acknowledge, respond and status change through the forms', async () => {
    expect((await post(lead, incidentPath, `${incidentPath}/acknowledge`)).headers.location).toBe(
      `${incidentPath}?done=acknowledged`,
    );
    expect((await post(lead, incidentPath, `${incidentPath}/respond`)).status).toBe(303);
    expect(
      (
        await post(lead, incidentPath, `${incidentPath}/status`, {
          status: 'triaged',
          note: 'scoped',
        })
      ).status,
    ).toBe(303);
    const page = await lead.get(incidentPath).expect(200);
    expect(page.text).toContain('data-testid="incident-status" data-status="triaged"');
    expect(page.text).toContain('data-testid="sla-acknowledge" data-state="met"');
    expect(page.text).toContain('data-testid="sla-respond" data-state="met"');
    expect(page.text).not.toContain('data-testid="acknowledge"');
    const timeline = textOf(page.text);
    for (const words of ['Opened', 'Acknowledged', 'First response', 'Status changed'])
      expect(timeline).toContain(words);
    expect(timeline).toContain('Morgan Lead');
    // A provider task is completed by provider staff; the customer gets no button for it.
    const complete = /action="([^"]+\/tasks\/[0-9a-f-]{36}\/complete)"/.exec(
      page.text,
    )?.[1] as string;
    expect(complete).toBeDefined();
    expect((await post(lead, incidentPath, complete)).headers.location).toBe(
      `${incidentPath}?done=task`,
    );
    expect(textOf((await lead.get(incidentPath).expect(200)).text)).toContain('Task completed');
    const backwards = await post(lead, incidentPath, `${incidentPath}/status`, { status: 'new' });
    expect(backwards.status).toBe(409);
    expect(backwards.text).toContain('cannot move to new');
    // The customer reads the page in Japanese without the provider's forms.
    const customerView = await security.get(incidentPath).expect(200);
    expect(textOf(customerView.text)).toContain('トリアージ済み');
    expect(customerView.text).not.toContain('data-testid="status-form"');
    expect(customerView.text).not.toContain(`action="${complete}"`);
  });

  it('a collaborate request waits; the security lead sees it at home and approves it in the portal', async () => {
    const requested = await post(lead, incidentPath, `${incidentPath}/actions`, {
      action: 'isolate_host',
      target: 'sk-pc-0100',
      targetType: 'host',
      reason: 'ransomware',
    });
    expect(requested.headers.location).toBe(`${incidentPath}?done=requested`);
    const providerView = await lead.get(incidentPath).expect(200);
    expect(providerView.text).toContain('data-status="awaiting_customer" data-mode="collaborate"');
    expect(textOf(providerView.text)).toContain("Waiting for the customer's approval");
    expect(providerView.text).not.toContain('data-testid="approve-action"');
    const queuePage = await lead.get(queue()).expect(200);
    expect(queuePage.text).toMatch(/data-testid="pending-approvals">1</);

    const home = await security.get('/').expect(200);
    expect(home.text).toContain('data-testid="pending-approvals-home"');
    expect(home.text).toContain(`href="${incidentPath}"`);
    // Both lists come from one lib service that reads through the caller's scope: another
    // customer's security lead gets nothing for Sakura's engagement, and 404 for its counts.
    const awaiting = t.app.get(AwaitingApprovalsService);
    const scopeOf = async (email: string): Promise<AccessScope> => {
      const user = await t.dataSource.getRepository(User).findOneByOrFail({ email });
      const grant = await t.app.get(ScopeService).grantForKeyMaker(user.id);
      if (!grant) throw new Error(`no grant for ${email}`);
      return AccessScope.of(grant, { ip: null, userAgent: null });
    };
    const incidentId = incidentPath.split('/').pop() as string;
    const approver = await scopeOf('security@sakura.example');
    expect(await awaiting.forSecurityLead(approver, [sakura], 10)).toEqual([
      expect.objectContaining({
        action: 'isolate_host',
        target: 'sk-pc-0100',
        incidentId,
        engagementId: sakura,
      }),
    ]);
    expect(await awaiting.countByIncident(approver, sakura, [incidentId])).toEqual(
      new Map([[incidentId, 1]]),
    );
    const outsider = await scopeOf('security@northwind.example');
    expect(await awaiting.forSecurityLead(outsider, [sakura], 10)).toEqual([]);
    await expect(awaiting.countByIncident(outsider, sakura, [incidentId])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // The home pages' open incidents, the same way: Sakura's people and its provider see the
    // incident, another customer's lead does not.
    const incidents = t.app.get(IncidentsService);
    expect((await incidents.openAcrossEngagements(approver, 10)).items.map((i) => i.id)).toContain(
      incidentId,
    );
    expect(
      (await incidents.openAcrossEngagements(await scopeOf('analyst@mdr.example'), 10)).items.map(
        (i) => i.id,
      ),
    ).toContain(incidentId);
    expect(await incidents.openAcrossEngagements(outsider, 10)).toEqual({ items: [], total: 0 });
    expect(home.text).toContain('data-testid="open-incidents-home"');

    const it = portalAgent(t);
    await signIn(it, 'it-jp@sakura.example');
    expect((await it.get(incidentPath).expect(200)).text).not.toContain(
      'data-testid="approve-action"',
    );
    expect((await it.get('/').expect(200)).text).not.toContain(
      'data-testid="pending-approvals-home"',
    );

    const page = await security.get(incidentPath).expect(200);
    // The pages the crawl does not reach (it runs before any start of service) keep its rules.
    for (const [agent, path] of [
      [lead, incidentPath],
      [lead, queue()],
      [security, incidentPath],
      [security, queue()],
      [security, '/'],
    ] as const) {
      const seen = await agent.get(path).expect(200);
      expect(inspect(seen.text, seen.headers as Record<string, string>)).toEqual([]);
    }
    const approve = /action="([^"]+\/approve)"/.exec(page.text)?.[1] as string;
    expect(approve).toBeDefined();
    // Deciding asks the security lead's password again (their strongest factor): without it the
    // page answers 400 and nothing is decided.
    expect(page.text).toContain('name="password"');
    await security
      .post(approve)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(400);
    const decided = await security
      .post(approve)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), password: TEST_PASSWORD })
      .expect(303);
    expect(decided.headers.location).toBe(`${incidentPath}?done=approved`);
    const after = await security.get(decided.headers.location).expect(200);
    expect(after.text).toContain('data-status="executed" data-mode="collaborate"');
    expect(textOf(after.text)).toContain('対応アクションを承認しました');
    expect(after.text).not.toContain('data-testid="approve-action"');
    const again = await security
      .post(approve)
      .type('form')
      .send({ _csrf: csrfTokenIn(after.text) })
      .expect(409);
    expect(again.text).toContain('data-testid="incident-problem"');
  });

  it('a never-touch refusal shows the API reason on the page', async () => {
    const refused = await post(lead, incidentPath, `${incidentPath}/actions`, {
      action: 'isolate_host',
      target: 'SK-ERP-DB01',
      targetType: '',
      reason: '',
    });
    expect(refused.status).toBe(409);
    expect(textOf(refused.text)).toContain('sk-erp-db01 is a never-touch host');
    expect(refused.text).toContain('value="SK-ERP-DB01"');
  });

  it('a resolved incident links its closure report, streamed for the session user', async () => {
    await post(lead, incidentPath, `${incidentPath}/status`, { status: 'resolved', note: '' }).then(
      (r) => expect(r.status).toBe(303),
    );
    const page = await security.get(incidentPath).expect(200);
    expect(page.text).toContain('data-testid="incident-report"');
    const html = await security.get(`${incidentPath}/report`).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('Ransomware on SK-PC-0100');
    const pdf = await security.get(`${incidentPath}/report?format=pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('Northwind gets 404 pages; a form without its CSRF token is refused', async () => {
    const northwind = portalAgent(t);
    await signIn(northwind, 'security@northwind.example');
    await northwind.get(queue()).expect(404);
    await northwind.get(incidentPath).expect(404);
    await northwind.get(`${incidentPath}/report`).expect(404);
    const own = await northwind.get('/').expect(200);
    await northwind
      .post(`${incidentPath}/acknowledge`)
      .type('form')
      .send({ _csrf: csrfTokenIn(own.text) })
      .expect(404);
    await lead.post(`${incidentPath}/status`).type('form').send({ status: 'closed' }).expect(403);
    const still = await lead.get(incidentPath).expect(200);
    expect(still.text).toContain('data-status="resolved"');
  });
  it('a close with open runbook tasks lists them; tasks are completed with a note or marked not applicable with a reason', async () => {
    const refused = await post(lead, incidentPath, `${incidentPath}/status`, {
      status: 'closed',
      note: '',
    });
    expect(refused.status).toBe(409);
    expect(textOf(refused.text)).toContain(
      'The incident closes only when every runbook task is done or marked not applicable with a reason.',
    );
    const open =
      [...refused.text.matchAll(/<ul data-testid="open-tasks">([\s\S]*?)<\/ul>/g)][0]?.[1] ?? '';
    expect(open).toContain('<li>');
    // Each party's page offers the forms of its own tasks.
    const formsOn = (page: string) =>
      [...page.matchAll(/action="([^"]*\/tasks\/[0-9a-f-]{36}\/(complete|not-applicable))"/g)].map(
        (m) => m[1],
      );
    const actions = [
      ...new Set([
        ...formsOn((await lead.get(incidentPath).expect(200)).text),
        ...formsOn((await security.get(incidentPath).expect(200)).text),
      ]),
    ];
    const notApplicable = actions.filter((a) => a.endsWith('/not-applicable'));
    expect(notApplicable.length).toBeGreaterThan(0);
    // No reason: the page says so with 400, and nothing changes.
    const bare = await post(lead, incidentPath, notApplicable[0], { reason: '' });
    expect(bare.status).toBe(400);
    expect(
      await post(lead, incidentPath, notApplicable[0], { reason: 'The host was reimaged' }).then(
        (r) => r.status,
      ),
    ).toBe(303);
    for (const action of actions.filter(
      (a) =>
        a.endsWith('/complete') && !a.includes(notApplicable[0].split('/tasks/')[1].split('/')[0]),
    )) {
      const asCustomer = (await security.get(incidentPath).expect(200)).text.includes(
        `action="${action}"`,
      );
      expect(
        (await post(asCustomer ? security : lead, incidentPath, action, { note: 'checked' }))
          .status,
      ).toBe(303);
    }
    const after = textOf((await security.get(incidentPath).expect(200)).text);
    expect(after).toContain('The host was reimaged');
    expect(after).toContain('対象外 (Morgan Lead)');
    expect(
      (await post(lead, incidentPath, `${incidentPath}/status`, { status: 'closed', note: '' }))
        .status,
    ).toBe(303);
  });
});
