import { AuditRecord } from '@app/audit';
import { Clock } from '@app/platform';
import { Secret, TOTP } from 'otpauth';
import { IncidentHarness } from '../incidents/support/incident-harness';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  steps,
} from '../support/onboarding-driver';
import {
  driveUntilOpen,
  requestSignature,
  SIGNATURE_STEP,
  userIdOf,
} from '../support/signature-driver';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Step-up re-authentication through the real stack: once Sakura's security lead has an
 * authenticator app, signing the authorisation letter and deciding a response action refuse
 * her password alone (400 naming `code`) and a wrong code (401), and accept a current code; the
 * evidence and the audit record name the factor.
 */
describe('step-up re-authentication with the strongest factor', () => {
  const SECURITY = 'security@sakura.example';
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let clock: Clock;
  let engagementId: string;
  let onboardingId: string;
  let secret: string;

  const codeNow = (): string =>
    new TOTP({
      secret: Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    }).generate({ timestamp: clock.nowMs() });
  /** The next 30-second step (both processes' clocks), so the next code is a fresh one. */
  const nextStep = (): void =>
    h.travel(new Date((Math.floor(clock.nowMs() / 30_000) + 1) * 30_000 + 1000));

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    clock = t.app.get(Clock);
    engagementId = await h.engagementId();
    await proposeSakuraDocuments(t, h.tokens, engagementId);
    onboardingId = await createSakuraOnboarding(t, h.tokens);
    await driveUntilOpen(t, h.tokens, onboardingId, engagementId, SIGNATURE_STEP, steps, drive);
    // Her authenticator app, set up through the API.
    const started = await h.call(SECURITY, 'post', '/api/me/mfa/totp');
    secret = started.body.secret;
    expect(
      (await h.call(SECURITY, 'post', '/api/me/mfa/totp/confirm', { code: codeNow() })).status,
    ).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  it('signing refuses the password alone and a wrong code, and records the app as the factor', async () => {
    const request = await requestSignature(t, h.tokens, onboardingId, {
      document: 'authorisation_letter',
      signerUserId: await userIdOf(t, SECURITY),
    });
    const path = `/api/onboardings/${onboardingId}/signature-requests/${request.id}/sign`;
    const passwordOnly = await h.call(SECURITY, 'post', path, {
      password: TEST_PASSWORD,
      typedName: 'Hanako Sato',
    });
    expect(passwordOnly.status).toBe(400);
    expect(passwordOnly.body.details).toEqual([
      { field: 'code', reason: 're-authenticate with your authenticator app code' },
    ]);
    expect(
      (await h.call(SECURITY, 'post', path, { code: '000000', typedName: 'Hanako Sato' })).status,
    ).toBe(401);
    nextStep();
    const signed = await h.call(SECURITY, 'post', path, {
      code: codeNow(),
      typedName: 'Hanako Sato',
    });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    const events = await t.dataSource.query(
      `SELECT kind, auth_method FROM signature_event WHERE request_id = $1 AND kind IN ('authenticated', 'signed') ORDER BY seq`,
      [request.id],
    );
    expect(events).toEqual([
      { kind: 'authenticated', auth_method: 'totp' },
      { kind: 'signed', auth_method: 'totp' },
    ]);
  });

  it('deciding a response action refuses the password alone, accepts a current code once, and audits the factor', async () => {
    await h.driveToStart(onboardingId, engagementId);
    const base = `/api/engagements/${engagementId}/incidents`;
    const incident = await h.call('lead@mdr.example', 'post', base, {
      title: 'Lateral movement',
      severity: 'critical',
      host: 'sk-pc-0100',
    });
    expect(incident.status).toBe(201);
    const action = await h.call(
      'analyst@mdr.example',
      'post',
      `${base}/${incident.body.id}/actions`,
      { action: 'isolate_host', target: 'sk-pc-0100' },
    );
    expect(action.body).toMatchObject({ mode: 'collaborate', status: 'awaiting_customer' });
    const approve = `${base}/${incident.body.id}/actions/${action.body.id}/approve`;
    const passwordOnly = await h.call(SECURITY, 'post', approve, { password: TEST_PASSWORD });
    expect(passwordOnly.status).toBe(400);
    expect(passwordOnly.body.details[0].field).toBe('code');
    nextStep();
    const code = codeNow();
    const approved = await h.call(SECURITY, 'post', approve, { code });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'executed', decidedVia: 'portal' });
    const audits = await t.dataSource
      .getRepository(AuditRecord)
      .findBy({ action: 'incident.action_approved', subjectId: incident.body.id });
    expect(audits.map((a) => a.changes)).toEqual([
      expect.objectContaining({ actionId: action.body.id, reauthenticated: 'totp' }),
    ]);

    // The same code again, on another action: spent.
    const second = await h.call(
      'analyst@mdr.example',
      'post',
      `${base}/${incident.body.id}/actions`,
      { action: 'isolate_host', target: 'sk-pc-0101' },
    );
    const declineSecond = `${base}/${incident.body.id}/actions/${second.body.id}/decline`;
    expect((await h.call(SECURITY, 'post', declineSecond, { code })).status).toBe(401);
    // A password-only person is still asked for the password (the provider's lead cannot decide at all: 403 first).
    expect((await h.call('lead@mdr.example', 'post', declineSecond, {})).status).toBe(403);
  });
});
