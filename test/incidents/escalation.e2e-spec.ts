// date-sensitive: acknowledgement deadlines and working hours (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { createHmac } from 'node:crypto';
import { JobHandlerRegistry, OutboxMessage } from '@app/notify';
import { IsNull, Not } from 'typeorm';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { IncidentHarness, until } from './support/incident-harness';
import { submitLinkForm } from './support/link-form';
import { WebhookReceiver } from './support/webhook-receiver';

/*
 * Escalation under the sample agreement: contact1@sakura.example (Asia/Tokyo, Mon–Fri 09–18) is
 * called first, contact2@sakura.example (Asia/Shanghai, Mon–Fri 09–18) next; the service
 * language is Japanese. ESCALATION_ACK_MINUTES is the default 15. Webhooks go to a loopback server.
 */
const MINUTE = 60_000;
const LEAD = 'lead@mdr.example';
const FIRST = 'contact1@sakura.example';
const SECOND = 'contact2@sakura.example';
// Monday 2 December 2030, 02:00 UTC: 11:00 in Tokyo, 10:00 in Shanghai (both in hours).
const MONDAY_BOTH_IN = new Date('2030-12-02T02:00:00Z');
// Monday 09:30 UTC: 18:30 in Tokyo (off), 17:30 in Shanghai (in).
const MONDAY_TOKYO_OFF = new Date('2030-12-02T09:30:00Z');

type Escalation = {
  id: string;
  position: number;
  status: string;
  round: number;
  outOfHours: boolean;
  acknowledgedVia: string | null;
};

describe('incidents: escalation to the agreement contacts, and signed webhooks', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let hooks: WebhookReceiver;
  let base: string;
  let engagementId: string;
  let secret: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    hooks = await WebhookReceiver.start();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    engagementId = await h.engagementId();
    base = `/api/engagements/${engagementId}/incidents`;
    await h.startSakuraService(engagementId);
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
    await hooks?.close();
  });

  const mailsTo = (to: string, after: number) =>
    sink.messages
      .slice(after)
      .filter(
        (m) =>
          JSON.stringify(m.to ?? '').includes(to) &&
          (m.subject ?? '').startsWith('【エスカレーション】'),
      );
  const open = async (title: string) => {
    const response = await h.call(LEAD, 'post', base, { title, severity: 'critical' });
    if (response.status !== 201)
      throw new Error(`open: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; escalations: Escalation[] };
  };
  const escalations = async (id: string) =>
    (await h.call(LEAD, 'get', `${base}/${id}`)).body.escalations as Escalation[];

  it('configures the webhooks: the provider lead only, http(s) URLs, the secret shown once', async () => {
    const path = `/api/engagements/${engagementId}/incident-webhooks`;
    const body = { chatUrl: hooks.url('/chat'), ticketingUrl: hooks.url('/tickets') };
    const first = await h.call(LEAD, 'put', path, body);
    expect(first.status).toBe(200);
    expect(first.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    secret = first.body.secret;
    const again = await h.call(LEAD, 'put', path, body);
    expect(again.status).toBe(200);
    expect(again.body.secret).toBeUndefined();
    const bad = await h.call(LEAD, 'put', path, { chatUrl: 'ftp://chat.example/hook' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('chatUrl');
    expect((await h.call('analyst@mdr.example', 'put', path, body)).status).toBe(403);
    expect((await h.call('security@sakura.example', 'put', path, body)).status).toBe(403);
    expect((await h.call('security@northwind.example', 'put', path, body)).status).toBe(404);
    // Only the sealed secret is stored.
    const [row] = (await t.dataSource.query(
      'SELECT secret FROM incident_webhook_config WHERE engagement_id = $1',
      [engagementId],
    )) as { secret: string }[];
    expect(row?.secret).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(row?.secret).not.toContain(secret);
    // The audit trail names where deliveries go (the origin), not the URLs: their path or query is often a credential.
    const audits = (await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'incident.webhooks_configured' AND engagement_id = $1`,
      [engagementId],
    )) as {
      changes: Record<string, unknown>;
    }[];
    expect(audits).toHaveLength(2);
    const origin = new URL(hooks.url('/chat')).origin;
    for (const audit of audits) {
      expect(audit.changes).toMatchObject({
        chatUrl: { origin, pathOrQuery: true },
        ticketingUrl: { origin, pathOrQuery: true },
      });
      expect(JSON.stringify(audit.changes)).not.toContain('/chat');
      expect(JSON.stringify(audit.changes)).not.toContain('/tickets');
    }
  });

  it.each([
    [
      'chatUrl',
      'http://169.254.169.254/latest/meta-data/',
      /169\.254\.169\.254 is link-local, cloud metadata/,
    ],
    ['chatUrl', 'http://10.1.2.3/hook', /private \(10\.0\.0\.0\/8\)/],
    ['ticketingUrl', 'http://2130706434:8080/hook', /127\.0\.0\.2 is loopback/],
    ['ticketingUrl', 'http://[::1]/hook', /::1 is loopback/],
    ['ticketingUrl', 'https://[fd00::5]/hook', /unique-local/],
    // The allow-list names 127.0.0.1 as written; another spelling of it is not on it.
    ['chatUrl', 'http://[::ffff:127.0.0.1]:9/hook', /IPv4-mapped form of 127\.0\.0\.1, loopback/],
  ])('refuses %s %s at configuration: an internal IP literal', async (field, url, reason) => {
    const response = await h.call(
      LEAD,
      'put',
      `/api/engagements/${engagementId}/incident-webhooks`,
      { chatUrl: hooks.url('/chat'), ticketingUrl: hooks.url('/tickets'), [field]: url },
    );
    expect(response.status).toBe(400);
    const details = response.body.details as { field: string; reason: string }[];
    expect(details).toHaveLength(1);
    expect(details[0]?.field).toBe(field);
    expect(details[0]?.reason).toMatch(
      /must not point at a loopback, private or otherwise internal address/,
    );
    expect(details[0]?.reason).toMatch(reason);
  });

  it('calls the first contact; their acknowledgement by the link means nobody else is mailed', async () => {
    h.travel(MONDAY_BOTH_IN);
    const after = sink.messages.length;
    const incident = await open('Ransomware on sk-pc-0042');
    expect(incident.escalations.map((e) => [e.position, e.status])).toEqual([[0, 'pending']]);
    const mail = await h.mail(FIRST, '【エスカレーション】', after);
    expect(mail.text).toContain('Ransomware on sk-pc-0042');
    const token = /\/incident-escalations\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1] ?? '';
    const page = await t.http().get(`/incident-escalations/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ransomware on sk-pc-0042');
    const acked = await submitLinkForm(t, `/incident-escalations/${token}`);
    expect(acked.status).toBe(200);
    expect(acked.text).toContain('data-testid="escalation-done"');
    // Single use.
    expect((await t.http().get(`/incident-escalations/${token}`)).status).toBe(404);
    // The deadline comes: the job finds the call answered and calls nobody.
    h.travel(new Date(MONDAY_BOTH_IN.getTime() + 16 * MINUTE));
    const call = incident.escalations[0];
    await h.runDelayed(`incident-escalation-timeout:${call.id}`);
    expect(
      (await escalations(incident.id)).map((e) => [e.position, e.status, e.acknowledgedVia]),
    ).toEqual([[0, 'acknowledged', 'link']]);
    expect(mailsTo(SECOND, after)).toHaveLength(0);
  });

  it('without an acknowledgement in 15 minutes, the next contact is mailed, once; the customer acknowledges in the portal', async () => {
    h.travel(MONDAY_BOTH_IN);
    const after = sink.messages.length;
    const incident = await open('Credential theft');
    await h.mail(FIRST, '【エスカレーション】', after);
    h.travel(new Date(MONDAY_BOTH_IN.getTime() + 15 * MINUTE));
    const first = incident.escalations[0];
    await h.runDelayed(`incident-escalation-timeout:${first.id}`);
    await h.mail(SECOND, '【エスカレーション】', after);
    const calls = await escalations(incident.id);
    expect(calls.map((e) => [e.position, e.status])).toEqual([
      [0, 'timed_out'],
      [1, 'pending'],
    ]);
    // The job ran again (a redelivery): still one call to the second contact.
    await t.worker
      ?.get(JobHandlerRegistry)
      .handlerFor('incident-escalation-timeout')
      ?.handle('redelivered', { escalationId: first.id });
    expect((await escalations(incident.id)).filter((e) => e.position === 1)).toHaveLength(1);
    expect(mailsTo(SECOND, after)).toHaveLength(1);
    // The first link no longer works once the call timed out.
    const firstMail = mailsTo(FIRST, after)[0];
    const firstToken =
      /\/incident-escalations\/([A-Za-z0-9_-]{43})/.exec(firstMail?.text ?? '')?.[1] ?? '';
    expect((await t.http().get(`/incident-escalations/${firstToken}`)).status).toBe(404);
    // The customer's security lead acknowledges signed in.
    const second = calls[1];
    const ackPath = `${base}/${incident.id}/escalations/${second.id}/acknowledge`;
    expect((await h.call(LEAD, 'post', ackPath)).status).toBe(403);
    const acked = await h.call('security@sakura.example', 'post', ackPath);
    expect(acked.status).toBe(200);
    expect((acked.body.escalations as Escalation[]).map((e) => e.status)).toEqual([
      'timed_out',
      'acknowledged',
    ]);
    expect((await h.call('security@sakura.example', 'post', ackPath)).status).toBe(409);
    expect((await h.call('security@northwind.example', 'post', ackPath)).status).toBe(404);
  });

  it('skips a contact outside their working hours; with nobody in hours calls the first anyway', async () => {
    h.travel(MONDAY_TOKYO_OFF);
    const skipped = await open('Beaconing after hours in Tokyo');
    expect(skipped.escalations.map((e) => [e.position, e.outOfHours])).toEqual([[1, false]]);
    // Saturday: nobody in hours.
    h.travel(new Date('2030-12-07T02:00:00Z'));
    const weekend = await open('Weekend intrusion');
    expect(weekend.escalations.map((e) => [e.position, e.outOfHours])).toEqual([[0, true]]);
    // Escalating on demand starts a new round; the old call is superseded.
    const again = await h.call(LEAD, 'post', `${base}/${weekend.id}/escalate`);
    expect(again.status).toBe(200);
    expect((again.body.escalations as Escalation[]).map((e) => [e.round, e.status])).toEqual([
      [1, 'superseded'],
      [2, 'pending'],
    ]);
    expect(
      (await h.call('security@sakura.example', 'post', `${base}/${weekend.id}/escalate`)).status,
    ).toBe(403);
    expect(
      (await h.call('security@northwind.example', 'post', `${base}/${weekend.id}/escalate`)).status,
    ).toBe(404);
  });

  it('posts timeline events to the chat and ticketing URLs, signed with HMAC-SHA256 over the raw body', async () => {
    h.travel(MONDAY_BOTH_IN);
    const incident = await open('Webhook check');
    const opened = await until('the opened event at both URLs', () => {
      const mine = hooks.received.filter(
        (r) => r.raw.includes(incident.id) && r.headers['x-webhook-event'] === 'opened',
      );
      return mine.length === 2 ? mine : undefined;
    });
    expect(opened.map((r) => r.path).sort()).toEqual(['/chat', '/tickets']);
    for (const hook of opened) {
      const expected = `sha256=${createHmac('sha256', secret).update(hook.raw).digest('hex')}`;
      expect(hook.headers['x-signature']).toBe(expected);
      expect(JSON.parse(hook.raw)).toMatchObject({
        type: 'opened',
        incident: { id: incident.id, title: 'Webhook check' },
      });
      expect(createHmac('sha256', 'wrong').update(hook.raw).digest('hex')).not.toBe(
        expected.slice(7),
      );
    }
    // A failing receiver is retried by the queue until it answers.
    let failures = 0;
    hooks.status = (hook) =>
      hook.path === '/chat' && hook.headers['x-webhook-event'] === 'acknowledged' && failures++ < 1
        ? 500
        : 204;
    expect((await h.call(LEAD, 'post', `${base}/${incident.id}/acknowledge`)).status).toBe(200);
    const chat = await until(
      'the acknowledged event retried at /chat',
      () => {
        const tries = hooks.received.filter(
          (r) =>
            r.path === '/chat' &&
            r.raw.includes(incident.id) &&
            r.headers['x-webhook-event'] === 'acknowledged',
        );
        return tries.length === 2 ? tries : undefined;
      },
      30_000,
    );
    expect(chat[0].raw).toBe(chat[1].raw);
    expect(chat[0].headers['x-signature']).toBe(chat[1].headers['x-signature']);
  });

  it('still signs with a secret stored in plain text before sealing, and seals it at its first use', async () => {
    await t.dataSource.query(
      'UPDATE incident_webhook_config SET secret = $2 WHERE engagement_id = $1',
      [engagementId, secret],
    );
    h.travel(MONDAY_BOTH_IN);
    const incident = await open('Legacy secret');
    const opened = await until('the opened event at both URLs', () => {
      const mine = hooks.received.filter(
        (r) => r.raw.includes(incident.id) && r.headers['x-webhook-event'] === 'opened',
      );
      return mine.length === 2 ? mine : undefined;
    });
    for (const hook of opened)
      expect(hook.headers['x-signature']).toBe(
        `sha256=${createHmac('sha256', secret).update(hook.raw).digest('hex')}`,
      );
    const [row] = (await t.dataSource.query(
      'SELECT secret FROM incident_webhook_config WHERE engagement_id = $1',
      [engagementId],
    )) as { secret: string }[];
    expect(row?.secret).toMatch(/^v1:/);
    expect(row?.secret).not.toContain(secret);
  });

  it('refuses at delivery a name that resolves to an internal address: that job fails for good, audited; the other URL still hears', async () => {
    const path = `/api/engagements/${engagementId}/incident-webhooks`;
    // A name is accepted at configuration (what it resolves to may change) ...
    const rebound = hooks.url('/chat').replace('127.0.0.1', 'localhost');
    expect(
      (await h.call(LEAD, 'put', path, { chatUrl: rebound, ticketingUrl: hooks.url('/tickets') }))
        .status,
    ).toBe(200);
    h.travel(MONDAY_BOTH_IN);
    const incident = await open('Rebinding check');
    const [opened] = (await t.dataSource.query(
      `SELECT id FROM incident_event WHERE incident_id = $1 AND type = 'opened'`,
      [incident.id],
    )) as { id: string }[];
    const message = await until(
      'the chat delivery relayed',
      async () =>
        (await t.dataSource.getRepository(OutboxMessage).findOneBy({
          dedupeKey: `incident-webhook:${opened?.id}:chat`,
          dispatchedAt: Not(IsNull()),
        })) ?? undefined,
    );
    // ... but at delivery it resolves to loopback, which only 127.0.0.1 as written may reach.
    await until('the chat delivery failed', async () =>
      (await h.queue.getJobState(message.id)) === 'failed' ? true : undefined,
    );
    const job = await h.queue.getJob(message.id);
    expect(job?.failedReason).toMatch(/refused: localhost resolves to 127\.0\.0\.1, loopback/);
    expect(job?.attemptsMade).toBe(1); // not retried, although the job allows 8 attempts
    await until('the opened event at /tickets', () =>
      hooks.received.find((r) => r.path === '/tickets' && r.raw.includes(incident.id)),
    );
    expect(hooks.received.filter((r) => r.path === '/chat' && r.raw.includes(incident.id))).toEqual(
      [],
    );
    // One audit record per refused delivery (the incident's later events, e.g. the escalation, have theirs).
    const audits = (await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'incident.webhook_refused' AND changes->>'outboxId' = $1`,
      [message.id],
    )) as {
      changes: Record<string, string>;
    }[];
    expect(audits.map((a) => a.changes)).toEqual([
      {
        outboxId: message.id,
        eventId: opened?.id,
        target: 'chat',
        host: new URL(rebound).host,
        reason: 'localhost resolves to 127.0.0.1, loopback (127.0.0.0/8)',
      },
    ]);
    // Let the incident's other deliveries and mails finish before the queue is torn down.
    await until('the queue idle', async () => {
      const [{ undispatched } = { undispatched: '1' }] = (await t.dataSource.query(
        'SELECT count(*) AS undispatched FROM outbox_message WHERE dispatched_at IS NULL',
      )) as { undispatched: string }[];
      const busy =
        Number(undispatched) + (await h.queue.getActiveCount()) + (await h.queue.getWaitingCount());
      return busy === 0 ? true : undefined;
    });
  });
});
