import { OutboxMessage } from '@app/notify';
import { recipients } from '../support/polling';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { testClockNow } from '../support/test-clock';
import { IncidentHarness, until } from '../incidents/support/incident-harness';

/*
 * Incident mails as the customer's security lead prefers, on the real stack (API, outbox,
 * BullMQ on Redis, a worker, SMTP on loopback), under the sample agreement: kill_process is
 * authorised in advance (executed at once, the lead told), isolate_host needs their approval.
 */
const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const SECURITY = 'security@sakura.example';

describe('incident notices follow the preference; approval requests are mandatory', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let base: string;
  let engagementId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    engagementId = await h.engagementId();
    base = `/api/engagements/${engagementId}/incidents`;
    await h.startSakuraService(engagementId);
    h.travel(testClockNow());
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('records an executed action’s notice without mailing it when incident updates are off', async () => {
    const refused = await h.call(SECURITY, 'put', '/api/me/notification-preferences', {
      deliveries: { incident_update: 'off', response_action_approval: 'off' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NOTIFICATION_KIND_MANDATORY');
    const saved = await h.call(SECURITY, 'put', '/api/me/notification-preferences', {
      deliveries: { incident_update: 'off' },
    });
    expect(saved.status).toBe(200);

    const opened = await h.call(LEAD, 'post', base, {
      title: 'Lateral movement',
      severity: 'critical',
      host: 'sk-pc-0100',
    });
    expect(opened.status).toBe(201);
    const incidentId = opened.body.id as string;
    const after = sink.messages.length;
    const executed = await h.call(ANALYST, 'post', `${base}/${incidentId}/actions`, {
      action: 'kill_process',
      target: 'sk-pc-0100',
      reason: 'malware.exe',
    });
    expect(executed.body).toMatchObject({ status: 'executed' });
    await until('the executed notice handled', async () => {
      const rows = await t.dataSource
        .getRepository(OutboxMessage)
        .findBy({ jobName: 'incident-action-executed-email' });
      return rows.length > 0 && rows.every((r) => r.completedAt !== null) ? true : undefined;
    });
    // Mail about this incident only: a signed checkpoint's statement may reach the lead meanwhile.
    const toSecurity = sink.messages
      .slice(after)
      .filter((m) => recipients(m).includes(SECURITY) && /sk-pc-0100/.test(m.subject ?? ''));
    expect(toSecurity.map((m) => m.subject)).toEqual([]);
    const held = (await t.dataSource.query(
      `SELECT h.kind, h.delivery, h.subject, h.link FROM held_notification h
         JOIN app_user u ON u.id = h.user_id WHERE u.email = $1`,
      [SECURITY],
    )) as { kind: string; delivery: string; subject: string; link: string }[];
    expect(held).toEqual([
      {
        kind: 'incident_update',
        delivery: 'off',
        subject: expect.stringMatching(/^【対応措置の実施】.*sk-pc-0100/),
        link: `${t.config.publicUrl}/engagements/${engagementId}/incidents/${incidentId}`,
      },
    ]);

    // The approval request is security-relevant: it comes at once whatever was chosen.
    const requested = await h.call(ANALYST, 'post', `${base}/${incidentId}/actions`, {
      action: 'isolate_host',
      target: 'sk-pc-0100',
    });
    expect(requested.body).toMatchObject({ status: 'awaiting_customer' });
    const approval = await h.mail(SECURITY, '【承認のお願い】', after);
    expect(approval.text).toContain('sk-pc-0100');
  });
});
