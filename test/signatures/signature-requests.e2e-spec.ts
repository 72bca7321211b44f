// date-sensitive: request expiry and reminders (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { Clock, redisOptionsFromUrl } from '@app/platform';
import { Queue } from 'bullmq';
import { Api } from '../agreements/support/agreements-driver';
import { pdfText, squash } from '../agreements/support/pdf-text';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { csrfTokenIn, portalAgent, textOf } from '../portal/portal-client';
import {
  codeIn,
  driveUntilOpen,
  mailTo,
  recipientOf,
  requestSignature,
  SIGNATURE_STEP,
  SignatureRequestJson,
  signingLinkIn,
  userIdOf,
} from '../support/signature-driver';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { until } from '../support/polling';

/**
 * Signature requests through the real stack: API, worker, outbox, a loopback SMTP server and
 * the public signing link. One onboarding walks through the cases in order.
 */
describe('signature requests for the domain authorisation', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let tokens: Tokens;
  let api: Api;
  let onboardingId: string;
  let engagementId: string;
  let securityLeadId: string;
  const base = (): string => `/api/onboardings/${onboardingId}/signature-requests`;
  const step = async (): Promise<{ state: string; contentHash: string | null }> =>
    (await steps(t, tokens, onboardingId)).find((s) => s.key === SIGNATURE_STEP) as {
      state: string;
      contentHash: string | null;
    };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    tokens = new Tokens(t);
    api = new Api(t);
    engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    await driveUntilOpen(t, tokens, onboardingId, engagementId, SIGNATURE_STEP, steps, drive);
    securityLeadId = await userIdOf(t, 'security@sakura.example');
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('is decided only through a signature request', async () => {
    const detail = (await steps(t, tokens, onboardingId)).find((s) => s.key === SIGNATURE_STEP);
    expect(detail?.decidedIn).toBe('a signature request');
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/steps/${SIGNATURE_STEP}/complete`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .send({})
      .expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
  });

  it('refuses signers outside the customer, naming the field, and requesters without the role', async () => {
    const outside = await requestSignature(
      t,
      tokens,
      onboardingId,
      {
        document: 'authorisation_letter',
        signerName: 'Mallory',
        signerEmail: 'mallory@evil.example',
      },
      'lead@mdr.example',
      400,
    );
    expect(JSON.stringify(outside)).toContain('signerEmail');
    const notLead = await requestSignature(
      t,
      tokens,
      onboardingId,
      { document: 'authorisation_letter', signerUserId: await userIdOf(t, 'it-jp@sakura.example') },
      'lead@mdr.example',
      400,
    );
    expect(JSON.stringify(notLead)).toContain('signerUserId');
    await requestSignature(
      t,
      tokens,
      onboardingId,
      { document: 'authorisation_letter', signerUserId: securityLeadId },
      'security@sakura.example',
      403,
    );
    await requestSignature(
      t,
      tokens,
      onboardingId,
      { document: 'agreement_version' },
      'lead@mdr.example',
      400,
    );
  });

  it('holds the reminder of a signer with an account for her digest, as she chose; the request itself comes at once', async () => {
    const chosen = await api
      .as('security@sakura.example')
      .put('/api/me/notification-preferences', { deliveries: { reminder: 'digest' } });
    expect(chosen.status).toBe(200);
    const request = await requestSignature(t, tokens, onboardingId, {
      document: 'authorisation_letter',
      signerUserId: securityLeadId,
    });
    // The request is mandatory (signature_request): mailed whatever she chose.
    await mailTo(
      sink,
      (m) =>
        recipientOf(m) === 'security@sakura.example' && /\/sign\/[A-Za-z0-9_-]+/.test(m.text ?? ''),
    );
    const [reminder] = (await t.dataSource.query(
      `SELECT id FROM outbox_message WHERE job_name = 'signature-reminder' AND payload->>'requestId' = $1`,
      [request.id],
    )) as { id: string }[];
    const queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t.config.queuePrefix,
    });
    try {
      await until('the reminder to wait in the queue', async () =>
        (await queue.getJobState(reminder.id)) === 'delayed' ? true : undefined,
      );
      await (await queue.getJob(reminder.id))?.promote();
      await until('the reminder handled', async () =>
        (await queue.getJobState(reminder.id)) === 'completed' ? true : undefined,
      );
    } finally {
      await queue.close();
    }
    expect(
      sink.messages.filter(
        (m) => recipientOf(m) === 'security@sakura.example' && /リマインド/.test(m.subject ?? ''),
      ),
    ).toEqual([]);
    const held = (await t.dataSource.query(
      `SELECT kind, delivery, subject, link FROM held_notification WHERE notification_id = $1`,
      [reminder.id],
    )) as { kind: string; delivery: string; subject: string; link: string }[];
    expect(held).toEqual([
      {
        kind: 'reminder',
        delivery: 'digest',
        subject: expect.stringContaining('リマインド'),
        link: `${t.config.publicUrl}/onboardings/${onboardingId}/signatures/${request.id}`,
      },
    ]);
    // No signing link was made for the reminder that was not mailed: only the request's.
    const links = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM one_time_token WHERE purpose = 'signature-request' AND subject_id = $1`,
      [request.id],
    )) as { n: number }[];
    expect(links[0].n).toBe(1);
    const revoked = await api
      .as('am@mdr.example')
      .post(`${base()}/${request.id}/revoke`, { reason: 'reminder checked' });
    expect(revoked.status).toBe(200);
    const restored = await api
      .as('security@sakura.example')
      .put('/api/me/notification-preferences', { deliveries: { reminder: 'immediate' } });
    expect(restored.status).toBe(200);
  });

  it('revokes a pending request (account manager), once; the signer can no longer sign it', async () => {
    const request = await requestSignature(
      t,
      tokens,
      onboardingId,
      { document: 'authorisation_letter', signerUserId: securityLeadId },
      'am@mdr.example',
    );
    expect(request.status).toBe('pending');
    await requestSignature(
      t,
      tokens,
      onboardingId,
      { document: 'authorisation_letter', signerUserId: securityLeadId },
      'lead@mdr.example',
      409,
    );
    const revoked = await api
      .as('am@mdr.example')
      .post(`${base()}/${request.id}/revoke`, { reason: 'wrong document' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect(
      (await api.as('am@mdr.example').post(`${base()}/${request.id}/revoke`, { reason: 'again' }))
        .status,
    ).toBe(409);
    const sign = await api
      .as('security@sakura.example')
      .post(`${base()}/${request.id}/sign`, { password: TEST_PASSWORD, typedName: 'Hanako Sato' });
    expect(sign.status).toBe(409);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE subject_id = $1 ORDER BY seq`,
      [request.id],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'signature.requested',
      'signature.revoked',
    ]);
  });

  it('records a decline with its reason; the step is rejected, and a new request reopens it', async () => {
    const request = await requestSignature(t, tokens, onboardingId, {
      document: 'authorisation_letter',
      signerUserId: securityLeadId,
    });
    expect(
      (
        await api
          .as('lead@mdr.example')
          .post(`${base()}/${request.id}/decline`, { reason: 'not me' })
      ).status,
    ).toBe(403);
    const declined = await api
      .as('security@sakura.example')
      .post(`${base()}/${request.id}/decline`, { reason: 'The tenant name is wrong' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      declineReason: 'The tenant name is wrong',
    });
    expect((await step()).state).toBe('rejected');
    const next = await requestSignature(t, tokens, onboardingId, {
      document: 'authorisation_letter',
      signerUserId: securityLeadId,
    });
    expect((await step()).state).toBe('open');
    await api.as('lead@mdr.example').post(`${base()}/${next.id}/revoke`, { reason: 'start again' });
  });

  it('lets a signed-in signer sign an agreement version with her password again; the step is done with its hash', async () => {
    const request = await requestSignature(t, tokens, onboardingId, {
      document: 'agreement_version',
      agreementVersion: 1,
      signerUserId: securityLeadId,
    });
    const agreement = await api
      .as('lead@mdr.example')
      .get(`/api/engagements/${engagementId}/agreement/versions/1`);
    expect(request.documentSha256).toBe(agreement.body.documentSha256);
    const document = await api
      .as('security@sakura.example')
      .document(`${base()}/${request.id}/document`);
    expect(document.headers['x-document-sha256']).toBe(request.documentSha256);
    const wrong = await api.as('security@sakura.example').post(`${base()}/${request.id}/sign`, {
      password: 'not my password at all',
      typedName: 'Hanako Sato',
    });
    expect(wrong.status).toBe(401);
    expect((await step()).state).toBe('open');
    const signed = await api
      .as('security@sakura.example')
      .post(`${base()}/${request.id}/sign`, { password: TEST_PASSWORD, typedName: 'Hanako Sato' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', typedName: 'Hanako Sato' });
    expect(await step()).toMatchObject({ state: 'done', contentHash: request.documentSha256 });
    const detail = await api.as('lead@mdr.example').get(`${base()}/${request.id}`);
    const kinds = detail.body.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['requested', 'viewed', 'authenticated', 'signed']);
    expect(detail.body.events[2]).toMatchObject({ authMethod: 'password' });
    // Signed is final.
    expect(
      (
        await api
          .as('lead@mdr.example')
          .post(`${base()}/${request.id}/revoke`, { reason: 'too late' })
      ).status,
    ).toBe(409);
  });

  it('a new agreement version invalidates the signature of the old one: the step goes stale', async () => {
    const lead = api.as('lead@mdr.example');
    const v1 = await lead.get(`/api/engagements/${engagementId}/agreement/versions/1`);
    expect(
      (await lead.put(`/api/engagements/${engagementId}/agreement`, v1.body.content)).status,
    ).toBe(200);
    expect(
      (await lead.post(`/api/engagements/${engagementId}/agreement/versions/2/propose`)).status,
    ).toBe(200);
    const list = await lead.get(base());
    const signedOne = list.body.items.find(
      (r: SignatureRequestJson) => r.documentKind === 'agreement_version',
    );
    expect(signedOne.status).toBe('invalidated');
    expect((await step()).state).toBe('stale');
  });

  it('a link of an expired request, an unknown link and a used link all get the same page', async () => {
    const request = await requestSignature(t, tokens, onboardingId, {
      document: 'authorisation_letter',
      signerName: 'Aiko Tanaka',
      signerEmail: 'legal@sakura.example',
    });
    const mail = await mailTo(
      sink,
      (m) => recipientOf(m) === 'legal@sakura.example' && (m.text ?? '').includes('/sign/'),
    );
    const link = signingLinkIn(mail);
    const live = await t.http().get(link);
    expect(live.status).toBe(200);
    expect(textOf(live.text)).toContain(request.documentSha256);
    await t.dataSource.query(
      `UPDATE signature_request SET expires_at = $2::timestamptz - interval '1 minute' WHERE id = $1`,
      [request.id, t.app.get(Clock).now()],
    );
    const expired = await t.http().get(link);
    const unknown = await t.http().get('/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(expired.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(textOf(expired.text)).toBe(textOf(unknown.text));
    sink.messages.length = 0;
  });

  it('signs through the emailed link with an emailed code: wrong codes are limited, the link is single-use, the certificate proves it', async () => {
    const request = await requestSignature(t, tokens, onboardingId, {
      document: 'authorisation_letter',
      signerName: 'Aiko Tanaka',
      signerEmail: 'legal@sakura.example',
    });
    const mail = await mailTo(
      sink,
      (m) => recipientOf(m) === 'legal@sakura.example' && (m.text ?? '').includes('/sign/'),
    );
    expect(mail.text).toContain(request.documentSha256);
    const link = signingLinkIn(mail);
    const agent = portalAgent(t);
    const page = await agent.get(link).set('User-Agent', 'SignerBrowser/1.0').expect(200);
    const csrf = csrfTokenIn(page.text);
    await agent.post(`${link}/code`).type('form').send({ _csrf: csrf }).expect(303);
    const first = await mailTo(
      sink,
      (m) => recipientOf(m) === 'legal@sakura.example' && /\b\d{6}\b/.test(m.subject ?? ''),
    );
    const code = codeIn(first);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answer = await agent
        .post(link)
        .type('form')
        .send({ _csrf: csrf, action: 'sign', code: wrongCode, typedName: 'Aiko Tanaka' });
      expect(answer.status).toBe(400);
    }
    // The code is dead now, even the right one.
    const dead = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrf, action: 'sign', code, typedName: 'Aiko Tanaka' });
    expect(dead.status).toBe(400);
    expect((await step()).state).toBe('stale');
    const before = sink.messages.length;
    await agent.post(`${link}/code`).type('form').send({ _csrf: csrf }).expect(303);
    await sink.waitFor(before + 1);
    const second = await mailTo(
      sink,
      (m) => sink.messages.indexOf(m) >= before && /\b\d{6}\b/.test(m.subject ?? ''),
    );
    const signed = await agent
      .post(link)
      .type('form')
      .set('User-Agent', 'SignerBrowser/1.0')
      .send({ _csrf: csrf, action: 'sign', code: codeIn(second), typedName: 'Aiko Tanaka' });
    expect(signed.status).toBe(200);
    expect(await step()).toMatchObject({ state: 'done', contentHash: request.documentSha256 });
    // Single use: the link now gets the invalid page, and signing again is refused.
    expect((await t.http().get(link)).status).toBe(404);
    const again = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrf, action: 'sign', code: codeIn(second), typedName: 'Aiko Tanaka' });
    expect(again.status).toBe(404);

    const detail = await api.as('lead@mdr.example').get(`${base()}/${request.id}`);
    const events = detail.body.events as NonNullable<SignatureRequestJson['events']>;
    expect(events.map((e) => e.kind)).toEqual([
      'requested',
      'viewed',
      'code_sent',
      'code_failed',
      'code_failed',
      'code_failed',
      'code_failed',
      'code_failed',
      'code_sent',
      'authenticated',
      'signed',
    ]);
    const signedEvent = events[events.length - 1];
    expect(signedEvent).toMatchObject({
      authMethod: 'email_code',
      typedName: 'Aiko Tanaka',
      userAgent: 'SignerBrowser/1.0',
    });
    expect(signedEvent.ip).toBeTruthy();
    expect(events.every((e) => e.documentSha256 === request.documentSha256)).toBe(true);

    const html = await api
      .as('lead@mdr.example')
      .document(`${base()}/${request.id}/certificate?format=html`);
    expect(html.status).toBe(200);
    const certificate = textOf(html.body.toString('utf8'));
    expect(certificate).toContain(request.documentSha256);
    // Sakura's documents are in Japanese: requested, viewed, code sent, wrong code, authenticated, signed.
    for (const word of [
      '1. 依頼',
      '2. 閲覧',
      '3. コード送信',
      '4. コード誤り',
      '10. 認証',
      '11. 署名',
      'Aiko Tanaka',
      'SignerBrowser/1.0',
      'メールのコード',
      '127.0.0.1',
    ]) {
      expect(certificate).toContain(word);
    }
    const pdf = await api
      .as('security@sakura.example')
      .document(`${base()}/${request.id}/certificate?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = squash((await pdfText(pdf.body as Buffer)).text);
    expect(text).toContain(request.documentSha256);
    for (const word of [
      '1.依頼',
      '2.閲覧',
      '3.コード送信',
      '4.コード誤り',
      '10.認証',
      '11.署名',
      'AikoTanaka',
      'SignerBrowser/1.0',
    ])
      expect(text).toContain(word);
  }, 60_000);

  it("hides Sakura's requests from Northwind (404)", async () => {
    const list = await api.as('lead@mdr.example').get(base());
    const id = list.body.items[0].id as string;
    const northwind = api.as('security@northwind.example');
    expect((await northwind.get(base())).status).toBe(404);
    expect((await northwind.get(`${base()}/${id}`)).status).toBe(404);
    expect((await northwind.get(`${base()}/${id}/certificate`)).status).toBe(404);
    expect((await northwind.post(`${base()}/${id}/decline`, { reason: 'not mine' })).status).toBe(
      404,
    );
    expect(
      (
        await northwind.post(base(), {
          document: 'authorisation_letter',
          signerName: 'X Y',
          signerEmail: 'x@northwind.example',
        })
      ).status,
    ).toBe(404);
  });
});
