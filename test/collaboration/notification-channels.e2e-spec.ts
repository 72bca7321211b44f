import { Queue } from 'bullmq';
import { redisOptionsFromUrl } from '@app/platform';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { freePort, RunningPortal, spawnWorker } from '../support/spawn-portal';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { testClockEnv } from '../support/test-clock';
import { TEST_REDIS_URL, TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS } from '../support/test-env';
import { serverEnv, until } from '../faults/support/fault-kit';
import { csrfFrom, portalAgent, signIn } from '../portal/portal-client';
import { HttpsReceiver, ReceivedPost } from './support/https-receiver';
import { IncidentHarness } from '../incidents/support/incident-harness';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';

/*
 * Slack and Teams channels of an engagement on the real stack: API (server mode) → outbox →
 * relay → BullMQ on Redis → built worker processes → HTTPS on loopback, to a receiver with a
 * self-signed certificate the workers trust (NODE_EXTRA_CA_CERTS). The first worker is
 * SIGKILLed while two posts wait unanswered; a second takes over. Every step that opened must
 * reach each channel exactly once.
 */

const SLACK_SECRET = 'T00000000/B00000000/slackSecretPart';
const TEAMS_SECRET = 'webhookb2/teamsSecretPart';
/** A Power Automate Workflows webhook's shape: the signature in the query is its secret. */
const WORKFLOWS_PATH =
  '/workflows/0a1b2c/triggers/manual/paths/invoke?api-version=2016-06-01&sig=workflowsSecretPart';

interface ChannelJson {
  id: string;
  provider: string;
  name: string;
  urlHint: string;
  teamsFormat: string | null;
  events: string[];
}

describe('notification channels: Slack and Teams, once, over HTTPS', () => {
  let receiver: HttpsReceiver;
  let t: TestApp;
  let tokens: Tokens;
  let engagementId: string;
  const workers: RunningPortal[] = [];

  const startWorker = async (): Promise<RunningPortal> => {
    const worker = await spawnWorker(
      serverEnv({
        databaseUrl: t.database.url,
        redisUrl: TEST_REDIS_URL,
        queuePrefix: t.config.queuePrefix,
        extra: {
          SESSION_SECRET: t.config.sessionSecret,
          NODE_EXTRA_CA_CERTS: receiver.certPath,
          WEBHOOK_ALLOWED_PRIVATE_HOSTS: TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS,
          // A killed worker's jobs and claims come back within seconds.
          JOB_LOCK_MS: '4000',
          NOTIFICATION_SEND_LEASE_MS: '3000',
          ...testClockEnv(),
        },
      }),
      await freePort(),
    );
    workers.push(worker);
    return worker;
  };

  const count = async (sql: string): Promise<number> =>
    Number(((await t.dataSource.query(sql)) as { n: string }[])[0]?.n ?? 0);

  async function addChannel(
    email: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await t
      .http()
      .post(`/api/engagements/${engagementId}/notification-channels`)
      .set('Authorization', await tokens.for(email))
      .send(body);
    return { status: response.status, body: response.body as Record<string, unknown> };
  }

  const slack = (): Record<string, unknown> => ({
    provider: 'slack',
    name: '#sakura-mdr',
    language: 'en',
    url: receiver.url(`/services/${SLACK_SECRET}`),
    events: ['step_opened', 'step_approved'],
  });

  beforeAll(async () => {
    receiver = await HttpsReceiver.start();
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    const list = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    engagementId = (list.body.items as { id: string; customerName: string }[]).find(
      (e) => e.customerName === 'Sakura Manufacturing',
    )?.id as string;
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) await worker.kill('SIGKILL');
    const queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t?.config.queuePrefix,
    });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await t?.close();
    await receiver?.close();
  }, 60_000);

  it('refuses an http URL and a non-public host with CHANNEL_URL_REFUSED, and keeps nothing', async () => {
    for (const url of [
      'http://hooks.slack.com/services/T0/B0/x',
      'https://10.0.0.5/hook',
      'https://127.0.0.2/hook',
      'https://[::1]/hook',
      'https://user:secret@hooks.slack.com/services/x',
    ]) {
      const refused = await addChannel('lead@mdr.example', { ...slack(), url });
      expect(`${url} ${refused.status} ${String(refused.body.code)}`).toBe(
        `${url} 400 CHANNEL_URL_REFUSED`,
      );
      expect(refused.body.details).toMatchObject({ field: 'url' });
    }
    const unknownEvent = await addChannel('lead@mdr.example', { ...slack(), events: ['gossip'] });
    expect(unknownEvent.status).toBe(400);
    expect(await count(`SELECT count(*) AS n FROM notification_channel`)).toBe(0);
  });

  it('lets provider staff add channels, stores the URL encrypted and never shows it back', async () => {
    const refused = await addChannel('security@sakura.example', slack());
    expect(refused.status).toBe(403);
    const added = await addChannel('lead@mdr.example', slack());
    expect(added.status).toBe(201);
    const teams = await addChannel('analyst@mdr.example', {
      provider: 'teams',
      name: 'Sakura SOC',
      language: 'ja',
      url: receiver.url(`/${TEAMS_SECRET}`),
      events: ['step_opened', 'incident_opened'],
    });
    expect(teams.status).toBe(201);
    // The URL says which format: this one is a Workflows webhook, so it gets Adaptive Cards.
    const workflows = await addChannel('analyst@mdr.example', {
      provider: 'teams',
      name: 'Sakura SOC workflow',
      language: 'en',
      url: receiver.url(WORKFLOWS_PATH),
      events: ['step_opened'],
    });
    expect(workflows.status).toBe(201);

    const rows = (await t.dataSource.query(
      `SELECT id, url_sealed AS "urlSealed", url_hint AS "urlHint" FROM notification_channel ORDER BY created_at`,
    )) as { id: string; urlSealed: string; urlHint: string }[];
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.urlSealed.startsWith('v1:')).toBe(true);
      expect(row.urlSealed).not.toContain('SecretPart');
      expect(row.urlSealed).not.toContain('127.0.0.1');
      expect(row.urlHint).toMatch(/^127\.0\.0\.1:\d+\/…Part$/);
    }

    // The customer's security lead sees which channels exist; no one sees a URL again.
    const seen = await t
      .http()
      .get(`/api/engagements/${engagementId}/notification-channels`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    const items = seen.body.items as ChannelJson[];
    expect(items.map((c) => [c.provider, c.name, c.events])).toEqual([
      ['slack', '#sakura-mdr', ['step_opened', 'step_approved']],
      ['teams', 'Sakura SOC', ['step_opened', 'incident_opened']],
      ['teams', 'Sakura SOC workflow', ['step_opened']],
    ]);
    expect(items.map((c) => c.teamsFormat)).toEqual([null, 'message_card', 'adaptive_card']);
    expect([added.body.teamsFormat, teams.body.teamsFormat, workflows.body.teamsFormat]).toEqual([
      null,
      'message_card',
      'adaptive_card',
    ]);
    expect(JSON.stringify(seen.body)).not.toContain('SecretPart');
    expect(JSON.stringify(added.body)).not.toContain('SecretPart');
    await t
      .http()
      .get(`/api/engagements/${engagementId}/notification-channels`)
      .set('Authorization', await tokens.for('it-jp@sakura.example'))
      .expect(403);
    await t
      .http()
      .get(`/api/engagements/${engagementId}/notification-channels`)
      .set('Authorization', await bearer(t, 'security@northwind.example'))
      .expect(404);
    const audited = (await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'engagement.notification_channel_added'`,
    )) as { changes: Record<string, unknown> }[];
    expect(audited).toHaveLength(3);
    expect(JSON.stringify(audited)).not.toContain('SecretPart');
  });

  it('shows the channels page: the list to the customer’s security lead, the form to provider staff', async () => {
    const page = `/engagements/${engagementId}/notification-channels`;
    const customer = portalAgent(t);
    await signIn(customer, 'security@sakura.example');
    const home = await customer.get('/').expect(200);
    expect(home.text).toContain(`href="${page}" data-testid="engagement-channels"`);
    const itAgent = portalAgent(t);
    await signIn(itAgent, 'it-jp@sakura.example');
    expect((await itAgent.get('/').expect(200)).text).not.toContain('engagement-channels');
    expect((await itAgent.get(page)).status).toBe(403);
    const seen = await customer.get(page).expect(200);
    expect(seen.text.match(/data-testid="channel-row"/g)).toHaveLength(3);
    expect(seen.text).toContain('#sakura-mdr');
    expect(seen.text).not.toContain('SecretPart');
    expect(seen.text).not.toContain('action="' + page + '"');
    // Each Teams row says which format its URL gets (the connector's `/webhookb2/` path: a
    // MessageCard; the Workflows URL: an Adaptive Card), in the reader's language; Slack none.
    const formatsIn = (html: string): string[] =>
      [...html.matchAll(/<small data-testid="teams-format">([^<]*)<\/small>/g)].map((m) => m[1]);
    for (const [language, expected] of [
      ['en', ['Legacy connector: MessageCard', 'Workflows: Adaptive Card']],
      ['ja', ['旧コネクタ: MessageCard', 'Workflows: アダプティブ カード']],
      ['zh', ['旧版连接器: MessageCard', 'Workflows: 自适应卡片']],
    ] as const) {
      await customer
        .post('/language')
        .type('form')
        .send({ _csrf: await csrfFrom(customer, page), language, returnTo: page })
        .expect(303);
      const rows = (await customer.get(page).expect(200)).text.split('data-testid="channel-row"');
      expect(rows.slice(1).map(formatsIn)).toEqual([[], [expected[0]], [expected[1]]]);
    }

    const lead = portalAgent(t);
    await signIn(lead, 'lead@mdr.example');
    const csrf = await csrfFrom(lead, page);
    const refused = await lead
      .post(page)
      .type('form')
      .send({
        _csrf: csrf,
        provider: 'teams',
        name: 'Plain http',
        language: 'en',
        url: 'http://example.webhook.office.com/hook',
        events: ['incident_opened', 'approval_requested'],
      });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('This webhook URL is refused: it must be an HTTPS address');
    // What was typed is still there to correct.
    expect(refused.text).toContain('value="Plain http"');
    expect(refused.text).toContain('value="http://example.webhook.office.com/hook"');
    expect(refused.text).toMatch(
      /id="event-approval_requested" name="events" value="approval_requested" checked/,
    );
    expect(refused.text).not.toMatch(
      /id="event-step_opened" name="events" value="step_opened" checked/,
    );
    expect(await count(`SELECT count(*) AS n FROM notification_channel`)).toBe(3);
  });

  it('posts each opened step to each channel exactly once across a worker kill, formatted for each', async () => {
    receiver.holdAfter(2);
    const first = await startWorker();
    const onboardingId = await createSakuraOnboarding(t, tokens);
    const expected = await count(
      `SELECT count(*) AS n FROM outbox_message WHERE job_name = 'channel-message'`,
    );
    const opened = await count(
      `SELECT count(*) AS n FROM onboarding_step WHERE onboarding_id = '${onboardingId}' AND state = 'open'`,
    );
    expect(expected).toBe(3 * opened);
    expect(opened).toBeGreaterThanOrEqual(2);

    await until(
      'two answered posts and one waiting',
      () => (receiver.received.length >= 2 && receiver.held() > 0 ? true : undefined),
      60_000,
    );
    await until(
      'the ledger to record the two answered posts',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM sent_notification WHERE job_name = 'channel-message' AND sending_until IS NULL`,
        )) === 2
          ? true
          : undefined,
      30_000,
    );
    expect(receiver.received).toHaveLength(2);
    await first.kill('SIGKILL');
    receiver.release();

    await startWorker();
    await until(
      'every channel message handled',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM outbox_message WHERE job_name = 'channel-message' AND completed_at IS NULL`,
        )) === 0
          ? true
          : undefined,
      120_000,
      250,
    );

    const ids = receiver.received.map((post) => String(post.headers['x-mdr-notification-id']));
    expect(receiver.received).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    const slackPosts = receiver.received.filter((p) => p.path === `/services/${SLACK_SECRET}`);
    const teamsPosts = receiver.received.filter((p) => p.path === `/${TEAMS_SECRET}`);
    const workflowPosts = receiver.received.filter((p) => p.path === WORKFLOWS_PATH);
    expect(slackPosts).toHaveLength(opened);
    expect(teamsPosts).toHaveLength(opened);
    expect(workflowPosts).toHaveLength(opened);

    const link = `${t.config.publicUrl}/onboardings/${onboardingId}`;
    const slackTitles = slackPosts.map((p) => slackTitle(p));
    const teamsTitles = teamsPosts.map((p) => teamsTitle(p));
    expect(new Set(slackTitles).size).toBe(opened);
    expect(new Set(teamsTitles).size).toBe(opened);
    const [aSlack] = slackPosts;
    expect(aSlack.body).toMatchObject({
      text: expect.stringMatching(/^Step open: .+ \(Sakura Manufacturing\)$/),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Step open' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Customer*\nSakura Manufacturing' }] },
        { type: 'actions', elements: [{ type: 'button', url: link }] },
      ],
    });
    const [aTeams] = teamsPosts;
    expect(aTeams.body).toMatchObject({
      '@type': 'MessageCard',
      title: 'ステップ開始',
      sections: [{ facts: [{ name: 'お客様', value: 'Sakura Manufacturing' }] }],
      potentialAction: [{ '@type': 'OpenUri', targets: [{ uri: link }] }],
    });
    const workflowTitles = workflowPosts.map((p) => workflowTitle(p));
    expect(new Set(workflowTitles).size).toBe(opened);
    const [aWorkflow] = workflowPosts;
    expect(aWorkflow.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'Step open' },
              { type: 'RichTextBlock' },
              { type: 'FactSet', facts: [{ title: 'Customer', value: 'Sakura Manufacturing' }] },
            ],
            actions: [{ type: 'Action.OpenUrl', url: link }],
          },
        },
      ],
    });
    expect(
      await count(
        `SELECT count(*) AS n FROM sent_notification WHERE job_name = 'channel-message' AND sending_until IS NULL`,
      ),
    ).toBe(expected);
  }, 300_000);
});

/*
 * Incident happenings on the same real stack (API → outbox → relay → BullMQ on Redis → a built
 * worker → HTTPS on loopback): a channel that chose the incident events hears of the opening,
 * each update and a response action waiting on the customer's approval, each exactly once; a
 * channel that chose only step events hears nothing of them.
 */
describe('notification channels: incident events, once, only to the channels that chose them', () => {
  const SLACK_PATH = `/services/${SLACK_SECRET}/incidents`;
  const TEAMS_PATH = `/${TEAMS_SECRET}/steps-only`;
  let receiver: HttpsReceiver;
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let engagementId: string;
  let worker: RunningPortal | undefined;

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await t.dataSource.query(sql, params)) as { n: string }[])[0]?.n ?? 0);
  const allHandled = (): Promise<true | undefined> =>
    count(
      `SELECT count(*) AS n FROM outbox_message WHERE job_name = 'channel-message' AND completed_at IS NULL`,
    ).then((n) => (n === 0 ? true : undefined));

  beforeAll(async () => {
    receiver = await HttpsReceiver.start();
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true });
    worker = await spawnWorker(
      serverEnv({
        databaseUrl: t.database.url,
        redisUrl: TEST_REDIS_URL,
        queuePrefix: t.config.queuePrefix,
        smtpUrl: sink.url,
        extra: {
          SESSION_SECRET: t.config.sessionSecret,
          NODE_EXTRA_CA_CERTS: receiver.certPath,
          WEBHOOK_ALLOWED_PRIVATE_HOSTS: TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS,
          ...testClockEnv(),
        },
      }),
      await freePort(),
    );
    h = new IncidentHarness(t, sink);
    engagementId = await h.engagementId();
    await h.startSakuraService(engagementId);
    // Added once the service runs, so nothing of the onboarding reaches them.
    for (const channel of [
      {
        provider: 'slack',
        name: '#sakura-incidents',
        language: 'en',
        url: receiver.url(SLACK_PATH),
        events: ['incident_opened', 'incident_updated', 'approval_requested'],
      },
      {
        provider: 'teams',
        name: 'Sakura onboarding',
        language: 'en',
        url: receiver.url(TEAMS_PATH),
        events: ['step_opened', 'step_approved'],
      },
    ]) {
      const added = await h.call(
        'lead@mdr.example',
        'post',
        `/api/engagements/${engagementId}/notification-channels`,
        channel,
      );
      expect(added.status).toBe(201);
    }
  }, 300_000);

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await h?.close();
    await t?.close();
    await sink?.stop();
    await receiver?.close();
  }, 60_000);

  it('posts an incident’s opening, its updates and an approval request once each to the channel that chose them, nothing to the other', async () => {
    const base = `/api/engagements/${engagementId}/incidents`;
    const opened = await h.call('lead@mdr.example', 'post', base, {
      title: 'Beacon on SK-PC-0042',
      severity: 'high',
      host: 'sk-pc-0042',
    });
    expect(opened.status).toBe(201);
    const incidentId = opened.body.id as string;
    const acknowledged = await h.call(
      'analyst@mdr.example',
      'post',
      `${base}/${incidentId}/acknowledge`,
    );
    expect(acknowledged.status).toBe(200);
    const requested = await h.call('analyst@mdr.example', 'post', `${base}/${incidentId}/actions`, {
      action: 'isolate_host',
      target: 'sk-pc-0042',
    });
    expect(requested.body).toMatchObject({ status: 'awaiting_customer' });

    await until('every channel message handled', allHandled, 120_000, 250);
    const toSlack = receiver.received.filter((p) => p.path === SLACK_PATH);
    const headlines = toSlack.map((p) => (p.body as { text: string }).text.split(':')[0]);
    expect(headlines.sort()).toEqual(['Approval requested', 'Incident opened', 'Incident updated']);
    const link = `${t.config.publicUrl}/engagements/${engagementId}/incidents/${incidentId}`;
    for (const post of toSlack) {
      expect(post.body).toMatchObject({
        text: expect.stringMatching(/Beacon on SK-PC-0042 \(Sakura Manufacturing\)$/),
        blocks: expect.arrayContaining([
          { type: 'actions', elements: [expect.objectContaining({ url: link })] },
        ]),
      });
    }
    const ids = toSlack.map((p) => String(p.headers['x-mdr-notification-id']));
    expect(new Set(ids).size).toBe(toSlack.length);
    // The channel that chose only step events: no message was even written for it.
    expect(receiver.received.filter((p) => p.path === TEAMS_PATH)).toEqual([]);
    expect(receiver.received).toHaveLength(toSlack.length);
    expect(
      await count(`SELECT count(*) AS n FROM outbox_message WHERE job_name = 'channel-message'`),
    ).toBe(toSlack.length);
  }, 180_000);
});

function slackTitle(post: ReceivedPost): string {
  const blocks = (post.body as { blocks: { type: string; text?: { text: string } }[] }).blocks;
  return blocks.find((b) => b.type === 'section')?.text?.text ?? '';
}

function workflowTitle(post: ReceivedPost): string {
  const card = (
    post.body as {
      attachments: { content: { body: { type: string; inlines?: { text: string }[] }[] } }[];
    }
  ).attachments[0]?.content;
  return card?.body.find((b) => b.type === 'RichTextBlock')?.inlines?.[0]?.text ?? '';
}

function teamsTitle(post: ReceivedPost): string {
  return (post.body as { sections: { activityTitle: string }[] }).sections[0]?.activityTitle ?? '';
}
