import { SecretCipher } from '@app/platform';
import { ParsedMail } from 'mailparser';
import { Tokens } from '../support/onboarding-driver';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import {
  detectionJson,
  engagementIdOf,
  insertEndpoint,
  postDetection,
  sign,
} from './support/protection-driver';

function to(mail: ParsedMail): string {
  const address = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return address?.value[0]?.address ?? '';
}

describe('detection webhook and notification routing', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let tokens: Tokens;
  let sakura: string;
  let northwind: string;
  let secret: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: smtp.url } });
    tokens = new Tokens(t);
    sakura = await engagementIdOf(t, tokens, 'Sakura Manufacturing');
    northwind = await engagementIdOf(t, tokens, 'Northwind Retail');
    await insertEndpoint(t, sakura, 'JP-PC-001', 'JP', 'Tokyo');
    await insertEndpoint(t, sakura, 'CN-PC-001', 'CN', 'Suzhou');
    await insertEndpoint(t, sakura, 'DE-PC-001', 'DE', 'Munich');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** Detection mails only (the seed's welcome mails go to the same sink). */
  const detectionMails = async (count: number): Promise<ParsedMail[]> => {
    for (;;) {
      const found = smtp.messages.filter((m) => /(ID|id)[：:]\s?edr-/.test(m.text ?? ''));
      if (found.length >= count) return found;
      await smtp.waitFor(smtp.messages.length + 1);
    }
  };
  const detectionCount = async (): Promise<number> =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM detection`))[0].n);
  const storedSecret = async (engagementId: string): Promise<string> =>
    (
      (await t.dataSource.query(
        `SELECT webhook_secret FROM notification_routing WHERE engagement_id = $1`,
        [engagementId],
      )) as { webhook_secret: string }[]
    )[0]?.webhook_secret ?? '';
  const SEALED = /^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/;
  const notificationCount = async (): Promise<number> =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM outbox_message WHERE job_name = 'detection-notification'`,
        )
      )[0].n,
    );

  it('sets up routing: the secret is shown once; who may edit', async () => {
    await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for('it-jp@sakura.example'))
      .send({ mode: 'per_country' })
      .expect(403);
    await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .send({ mode: 'per_country' })
      .expect(404);
    const bad = await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .send({ mode: 'everyone' })
      .expect(400);
    expect(JSON.stringify(bad.body.details)).toMatch(/mode/);
    const first = await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .send({ mode: 'per_country' })
      .expect(200);
    secret = first.body.webhookSecret;
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    const again = await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for('am@mdr.example'))
      .send({ mode: 'per_country' })
      .expect(200);
    expect(again.body.webhookSecret).toBeUndefined();
    // Only the sealed secret is stored.
    const stored = await storedSecret(sakura);
    expect(stored).toMatch(SEALED);
    expect(stored).not.toContain(secret);
    const view = await t
      .http()
      .get(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for('it-cn@sakura.example'))
      .expect(200);
    expect(JSON.stringify(view.body)).not.toContain(secret);
    const countries = new Map(view.body.countries.map((c: { country: string }) => [c.country, c]));
    expect(countries.get('JP')).toMatchObject({
      endpoints: 1,
      fallback: false,
      recipients: [{ email: 'it-jp@sakura.example' }],
    });
    expect(countries.get('DE')).toMatchObject({
      endpoints: 1,
      fallback: true,
      recipients: [{ email: 'security@sakura.example' }],
    });
  });

  it('answers 401 to a bad or missing signature and stores nothing', async () => {
    const body = detectionJson('edr-bad', 'JP-PC-001');
    const missing = await postDetection(t, sakura, body, null).expect(401);
    expect(missing.body.code).toBe('UNAUTHENTICATED');
    await postDetection(t, sakura, body, sign('not the secret', body)).expect(401);
    // Signed over other bytes than were sent (a re-serialised body).
    await postDetection(t, sakura, body.replace('edr-bad', 'edr-bad '), sign(secret, body)).expect(
      401,
    );
    await postDetection(t, sakura, body, 'sha256=00').expect(401);
    expect(await detectionCount()).toBe(0);
  });

  it('answers 400 naming the field for a signed but bad payload', async () => {
    const body = detectionJson('edr-400', 'JP-PC-001', { severity: 'urgent' });
    const response = await postDetection(t, sakura, body, sign(secret, body)).expect(400);
    expect(response.body.details).toEqual([{ field: 'severity', reason: expect.any(String) }]);
    expect(await detectionCount()).toBe(0);
  });

  it('per country: JP goes to the JP IT user in Japanese, CN in Chinese, DE (nobody) falls back to HQ', async () => {
    const jp = detectionJson('edr-jp-1', 'jp-pc-001');
    const created = await postDetection(t, sakura, jp, sign(secret, jp)).expect(201);
    expect(created.body.created).toBe(true);
    const cn = detectionJson('edr-cn-1', 'CN-PC-001');
    await postDetection(t, sakura, cn, sign(secret, cn)).expect(201);
    const de = detectionJson('edr-de-1', 'DE-PC-001');
    await postDetection(t, sakura, de, sign(secret, de)).expect(201);
    const mails = await detectionMails(3);
    const byRecipient = new Map(mails.map((m) => [to(m), m]));
    expect([...byRecipient.keys()].sort()).toEqual([
      'it-cn@sakura.example',
      'it-jp@sakura.example',
      'security@sakura.example',
    ]);
    const jpMail = byRecipient.get('it-jp@sakura.example') as ParsedMail;
    expect(jpMail.subject).toContain('jp-pc-001 で検知');
    expect(jpMail.text).toContain('この端末の国のIT担当者として');
    expect(jpMail.text).toContain('JP、Tokyo');
    expect(byRecipient.get('it-cn@sakura.example')?.subject).toContain('CN-PC-001 上的检测');
    const hq = byRecipient.get('security@sakura.example') as ParsedMail;
    expect(hq.subject).toContain('DE-PC-001 で検知');
    expect(hq.text).toContain('通知先の担当者がいないため');

    const stored = await t
      .http()
      .get(`/api/engagements/${sakura}/detections`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    expect(stored.body.total).toBe(3);
    const jpRow = stored.body.items.find(
      (d: { edrDetectionId: string }) => d.edrDetectionId === 'edr-jp-1',
    );
    expect(jpRow).toMatchObject({
      id: created.body.id,
      country: 'JP',
      site: 'Tokyo',
      routingReason: 'country',
      severity: 'high',
    });
  });

  it('a replayed detection answers 200 with the same id and sends nothing again', async () => {
    const jp = detectionJson('edr-jp-1', 'jp-pc-001');
    const before = await notificationCount();
    const first = await t.dataSource.query(
      `SELECT id FROM detection WHERE edr_detection_id = 'edr-jp-1'`,
    );
    const replay = await postDetection(t, sakura, jp, sign(secret, jp)).expect(200);
    expect(replay.body).toEqual({ id: first[0].id, created: false });
    expect(await notificationCount()).toBe(before);
    expect(await detectionCount()).toBe(3);
    // A later detection's mail arrives; the replay added none for JP before or with it.
    const next = detectionJson('edr-jp-2', 'JP-PC-001');
    await postDetection(t, sakura, next, sign(secret, next)).expect(201);
    const mails = await detectionMails(4);
    expect(mails.filter((m) => m.subject?.includes('jp-pc-001'))).toHaveLength(1);
    expect(mails).toHaveLength(4);
  });

  it('headquarters first: every detection goes to the security lead', async () => {
    await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .send({ mode: 'headquarters_first' })
      .expect(200);
    const jp = detectionJson('edr-jp-hq', 'JP-PC-001');
    const response = await postDetection(t, sakura, jp, sign(secret, jp)).expect(201);
    const mails = await detectionMails(5);
    const last = mails[4] as ParsedMail;
    expect(to(last)).toBe('security@sakura.example');
    expect(last.text).toContain('検知はまず本社に通知されます');
    const row = await t.dataSource.query(
      `SELECT routing_reason, recipient_user_ids FROM detection WHERE id = $1`,
      [response.body.id],
    );
    expect(row[0].routing_reason).toBe('headquarters');
  });

  it('isolates tenants: Northwind’s secret does not sign for Sakura; Northwind users get 404', async () => {
    const nw = await t
      .http()
      .put(`/api/engagements/${northwind}/notification-routing`)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .send({ mode: 'headquarters_first' })
      .expect(200);
    const body = detectionJson('edr-cross', 'JP-PC-001');
    await postDetection(t, sakura, body, sign(nw.body.webhookSecret, body)).expect(401);
    await postDetection(t, northwind, body, sign(secret, body)).expect(401);
    for (const path of ['notification-routing', 'detections']) {
      await t
        .http()
        .get(`/api/engagements/${sakura}/${path}`)
        .set('Authorization', await tokens.for('security@northwind.example'))
        .expect(404);
    }
    await t
      .http()
      .post(`/api/engagements/${sakura}/notification-routing/secret`)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .expect(404);
    expect(
      Number(
        (
          await t.dataSource.query(
            `SELECT count(*) AS n FROM detection WHERE edr_detection_id = 'edr-cross'`,
          )
        )[0].n,
      ),
    ).toBe(0);
  });

  it('rotating the secret stops the old one at once', async () => {
    const rotated = await t
      .http()
      .post(`/api/engagements/${sakura}/notification-routing/secret`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    const body = detectionJson('edr-rotated', 'JP-PC-001');
    await postDetection(t, sakura, body, sign(secret, body)).expect(401);
    await postDetection(t, sakura, body, sign(rotated.body.webhookSecret, body)).expect(201);
    const stored = await storedSecret(sakura);
    expect(stored).toMatch(SEALED);
    expect(stored).not.toContain(rotated.body.webhookSecret);
    secret = rotated.body.webhookSecret;
    const audit = await t.dataSource.query(
      `SELECT changes::text AS c FROM audit_record WHERE action LIKE 'notification_routing.%'`,
    );
    for (const row of audit) expect(row.c).not.toContain(rotated.body.webhookSecret);
  });

  it('still verifies with a secret stored in plain text before sealing, and seals it at its first use', async () => {
    await t.dataSource.query(
      `UPDATE notification_routing SET webhook_secret = $2 WHERE engagement_id = $1`,
      [sakura, secret],
    );
    const wrong = detectionJson('edr-legacy-wrong', 'JP-PC-001');
    await postDetection(t, sakura, wrong, sign('not the secret', wrong)).expect(401);
    const body = detectionJson('edr-legacy', 'JP-PC-001');
    await postDetection(t, sakura, body, sign(secret, body)).expect(201);
    const stored = await storedSecret(sakura);
    expect(stored).toMatch(SEALED);
    expect(stored).not.toContain(secret);
    // Sealed, it still verifies, and a wrong secret still does not.
    const next = detectionJson('edr-legacy-2', 'JP-PC-001');
    await postDetection(t, sakura, next, sign(secret, next)).expect(201);
    await postDetection(t, sakura, wrong, sign('not the secret', wrong)).expect(401);
  });

  it('refuses as unsigned (401, not 500) when the sealed secret does not open (SESSION_SECRET changed)', async () => {
    const original = await storedSecret(sakura);
    const otherKey = new SecretCipher(
      'another-session-secret-'.repeat(3),
      'detection-webhook-secret',
    ).seal(secret, sakura);
    await t.dataSource.query(
      `UPDATE notification_routing SET webhook_secret = $2 WHERE engagement_id = $1`,
      [sakura, otherKey],
    );
    const body = detectionJson('edr-unreadable', 'JP-PC-001');
    const refused = await postDetection(t, sakura, body, sign(secret, body)).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    // A value sealed for another engagement does not open here either.
    await t.dataSource.query(
      `UPDATE notification_routing SET webhook_secret = $2 WHERE engagement_id = $1`,
      [sakura, await storedSecret(northwind)],
    );
    await postDetection(t, sakura, body, sign(secret, body)).expect(401);
    expect(
      Number(
        (
          await t.dataSource.query(
            `SELECT count(*) AS n FROM detection WHERE edr_detection_id = 'edr-unreadable'`,
          )
        )[0].n,
      ),
    ).toBe(0);
    await t.dataSource.query(
      `UPDATE notification_routing SET webhook_secret = $2 WHERE engagement_id = $1`,
      [sakura, original],
    );
    await postDetection(t, sakura, body, sign(secret, body)).expect(201);
  });
});
