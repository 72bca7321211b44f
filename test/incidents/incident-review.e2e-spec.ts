import { User } from '@app/identity';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { IncidentHarness } from './support/incident-harness';

const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const SECURITY = 'security@sakura.example';

type Task = { id: string; owner: { party: string } };

/**
 * The post-incident review through the API: recorded by provider staff, validated field by field,
 * owners among the engagement's people, audited on the timeline, read by the customer, printed in
 * the closure report (the service language, Japanese for Sakura), and final once the incident closes.
 */
describe('incidents: post-incident review', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let base: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    const engagementId = await h.engagementId();
    base = `/api/engagements/${engagementId}/incidents`;
    await h.startSakuraService(engagementId);
    const users = await t.dataSource.getRepository(User).find();
    ids = Object.fromEntries(users.map((u) => [u.email, u.id]));
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('is recorded by provider staff, refused field by field, read by the customer, audited, in the closure report, and final once closed', async () => {
    const opened = await h.call(LEAD, 'post', base, { title: 'Macro beacon', severity: 'high' });
    expect(opened.status).toBe(201);
    const path = `${base}/${opened.body.id}`;
    const review = `${path}/review`;
    expect((await h.call(SECURITY, 'get', review)).status).toBe(404);

    const body = {
      whatHappened: 'A phishing mail ran a macro that beaconed to a C2 server.',
      rootCause: 'Office macros from the internet were allowed.',
      lessons: 'Macro policy belongs to the baseline.',
      actionItems: [
        {
          description: 'Block internet macros by policy',
          ownerUserId: ids[SECURITY],
          dueDate: '2031-01-31',
        },
        {
          description: 'Add a macro detection rule',
          ownerUserId: ids[ANALYST],
          dueDate: '2031-01-15',
        },
      ],
    };
    // Only provider staff record it; another tenant does not see the incident at all.
    expect((await h.call(SECURITY, 'put', review, body)).status).toBe(403);
    expect((await h.call('it-jp@sakura.example', 'put', review, body)).status).toBe(403);
    expect((await h.call('security@northwind.example', 'put', review, body)).status).toBe(404);
    expect((await h.call('security@northwind.example', 'get', review)).status).toBe(404);
    // 400 naming each refused field: an empty text, an owner outside the engagement, no such day.
    const bad = await h.call(LEAD, 'put', review, {
      ...body,
      rootCause: ' ',
      actionItems: [
        body.actionItems[0],
        { description: 'x', ownerUserId: ids['security@northwind.example'], dueDate: '2031-02-30' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((bad.body.details as { field: string }[]).map((d) => d.field)).toEqual([
      'rootCause',
      'actionItems[1].ownerUserId',
      'actionItems[1].dueDate',
    ]);

    const recorded = await h.call(ANALYST, 'put', review, body);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      whatHappened: body.whatHappened,
      recordedBy: ids[ANALYST],
      editable: true,
      actionItems: body.actionItems,
    });
    // Changed by the lead: one item fewer; the customer reads the latest.
    const changed = await h.call(LEAD, 'put', review, {
      ...body,
      actionItems: [body.actionItems[0]],
    });
    expect(changed.status).toBe(200);
    const read = await h.call(SECURITY, 'get', review);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ recordedBy: ids[LEAD], actionItems: [body.actionItems[0]] });

    // Each recording is a timeline event and an audit record with what was recorded.
    const audits = (await t.dataSource.query(
      `SELECT actor_user_id, changes FROM audit_record WHERE action = 'incident.review_recorded' AND subject_id = $1 ORDER BY seq`,
      [opened.body.id],
    )) as { actor_user_id: string; changes: Record<string, unknown> }[];
    expect(audits.map((a) => [a.actor_user_id, a.changes.revision])).toEqual([
      [ids[ANALYST], 'first'],
      [ids[LEAD], 'changed'],
    ]);
    expect(audits[1].changes).toMatchObject({
      rootCause: body.rootCause,
      actionItems: [body.actionItems[0]],
    });
    const detail = await h.call(SECURITY, 'get', path);
    expect(
      (detail.body.timeline as { type: string }[]).filter((e) => e.type === 'review_recorded'),
    ).toHaveLength(2);

    // The closure report (Japanese, Sakura's service language) carries it once resolved.
    expect((await h.call(LEAD, 'post', `${path}/status`, { status: 'resolved' })).status).toBe(200);
    const report = await h.call(SECURITY, 'get', `${path}/report`);
    expect(report.status).toBe(200);
    expect(report.text).toContain('<h2>事後レビュー</h2>');
    expect(report.text).toContain('Office macros from the internet were allowed.');
    expect(report.text).toMatch(
      /<tr data-testid="review-item"><td>Block internet macros by policy<\/td><td>佐藤 花子<\/td><td>2031\/01\/31<\/td><\/tr>/,
    );
    // Still editable while resolved; final once closed.
    expect((await h.call(LEAD, 'put', review, body)).status).toBe(200);
    for (const task of detail.body.tasks as Task[])
      expect(
        (
          await h.call(
            task.owner.party === 'customer' ? SECURITY : LEAD,
            'post',
            `${path}/tasks/${task.id}/complete`,
            {},
          )
        ).status,
      ).toBe(200);
    expect((await h.call(LEAD, 'post', `${path}/status`, { status: 'closed' })).status).toBe(200);
    const refused = await h.call(LEAD, 'put', review, body);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INCIDENT_REVIEW_CLOSED');
    expect((await h.call(SECURITY, 'get', review)).body.editable).toBe(false);
    const pdf = await h.t
      .http()
      .get(`${path}/report?format=pdf`)
      .set('Authorization', await h.tokens.for(SECURITY))
      .buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});
