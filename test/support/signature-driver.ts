import { Clock } from '@app/platform';
import type { ParsedMail } from 'mailparser';
import { TEST_PASSWORD, TestApp } from './test-app';
import type { SmtpSink } from './smtp-sink';
import type { StepJson, Tokens } from './onboarding-driver';

export const SIGNATURE_STEP = 'domain_authorisation_signature';

export interface SignatureRequestJson {
  id: string;
  status: string;
  documentKind: string;
  documentSha256: string;
  signer: { userId: string | null; name: string; email: string; external: boolean };
  events?: Array<{
    kind: string;
    ip: string | null;
    userAgent: string | null;
    authMethod: string | null;
    typedName: string | null;
    documentSha256: string;
  }>;
}

export async function userIdOf(t: TestApp, email: string): Promise<string> {
  const rows = (await t.dataSource.query('SELECT id FROM app_user WHERE email = $1', [
    email,
  ])) as Array<{ id: string }>;
  return rows[0].id;
}

/** Asks (as the provider lead) the given signer to sign; answers the created request. */
export async function requestSignature(
  t: TestApp,
  tokens: Tokens,
  onboardingId: string,
  body: Record<string, unknown>,
  as = 'lead@mdr.example',
  status = 201,
): Promise<SignatureRequestJson> {
  const response = await t
    .http()
    .post(`/api/onboardings/${onboardingId}/signature-requests`)
    .set('Authorization', await tokens.for(as))
    .send(body)
    .expect(status);
  return response.body as SignatureRequestJson;
}

/** The authorisation letter, requested from Sakura's security lead and signed by her with her password. */
export async function signLetterAsSecurityLead(
  t: TestApp,
  tokens: Tokens,
  onboardingId: string,
): Promise<SignatureRequestJson> {
  const signer = 'security@sakura.example';
  const request = await requestSignature(t, tokens, onboardingId, {
    document: 'authorisation_letter',
    signerUserId: await userIdOf(t, signer),
  });
  const signed = await t
    .http()
    .post(`/api/onboardings/${onboardingId}/signature-requests/${request.id}/sign`)
    .set('Authorization', await tokens.for(signer))
    .send({ password: TEST_PASSWORD, typedName: 'Hanako Sato' })
    .expect(200);
  return signed.body as SignatureRequestJson;
}

/** Drives the onboarding (each step by its person) until `key` is open, leaving `key` alone. */
export async function driveUntilOpen(
  t: TestApp,
  tokens: Tokens,
  onboardingId: string,
  engagementId: string,
  key: string,
  read: (t: TestApp, tokens: Tokens, id: string) => Promise<StepJson[]>,
  drive: (
    t: TestApp,
    tokens: Tokens,
    id: string,
    step: StepJson,
    engagementId?: string,
  ) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < 60; round += 1) {
    const all = await read(t, tokens, onboardingId);
    if (all.find((s) => s.key === key)?.state === 'open') return;
    const actionable = all.filter(
      (s) => s.key !== key && (s.state === 'open' || s.state === 'stale'),
    );
    if (actionable.length === 0) throw new Error(`${key} never opened`);
    for (const step of actionable) {
      const current = (await read(t, tokens, onboardingId)).find((s) => s.key === step.key);
      if (current?.state === 'open' || current?.state === 'stale')
        await drive(t, tokens, onboardingId, current, engagementId);
    }
  }
}

/** Waits until a mail matching `match` has arrived at the sink. */
export async function mailTo(
  sink: SmtpSink,
  match: (mail: ParsedMail) => boolean,
  timeoutMs = 20_000,
): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.messages.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('No such mail arrived');
    await sink
      .waitFor(sink.messages.length + 1, Math.max(1, deadline - Date.now()))
      .catch(() => undefined);
  }
}

export function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}

export function signingLinkIn(mail: ParsedMail): string {
  const match = /http:\/\/127\.0\.0\.1:3000(\/sign\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!match) throw new Error('No signing link in the mail');
  return match[1];
}

export function codeIn(mail: ParsedMail): string {
  const match = /\b(\d{6})\b/.exec(mail.text ?? '');
  if (!match) throw new Error('No code in the mail');
  return match[1];
}

/**
 * A pending letter request written straight into the table (for the authorisation matrix: the
 * other tenant's signature step is still blocked, so the API would refuse to create one).
 */
export async function insertSignatureRequest(
  t: TestApp,
  onboardingId: string,
  engagementId: string,
  requestedBy: string,
): Promise<string> {
  const rows = (await t.dataSource.query(
    `INSERT INTO signature_request (onboarding_id, engagement_id, step_key, document_kind, document_title, document_html, document_sha256,
       language, signer_name, signer_email, signer_language, status, requested_by, expires_at)
     VALUES ($1, $2, $3, 'authorisation_letter', 'Letter', '<html><body><p>Letter</p></body></html>', repeat('a', 64),
       'en', 'Omega Signer', 'signer@omega.example', 'en', 'pending', (SELECT id FROM app_user WHERE email = $4), $5::timestamptz + interval '30 days')
     RETURNING id`,
    [onboardingId, engagementId, SIGNATURE_STEP, requestedBy, t.app.get(Clock).now()],
  )) as Array<{ id: string }>;
  return rows[0].id;
}
