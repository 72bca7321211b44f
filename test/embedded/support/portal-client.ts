import { sampleAgreement, sampleCatalogue } from '../../agreements/support/fixtures';
import { SAKURA_ACTORS, StepJson } from '../../support/onboarding-driver';
import { until } from '../../support/polling';

export interface MailboxItem {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** When the mail landed in the dev mailbox (the database's real time, not the business clock). */
  createdAt: string;
}

type Method = 'GET' | 'POST' | 'PUT';

/**
 * Speaks only HTTP to a spawned portal (embedded mode has no database the test can reach):
 * demo logins, JSON calls, and the dev mailbox. The in-process drivers under test/support take
 * a TestApp with its database; this one is for the booted process.
 */
export class PortalClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly password: string,
  ) {}

  async call(email: string | null, method: Method, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = {};
    if (email !== null) headers.authorization = await this.bearer(email);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text.length > 0 && text.startsWith('{') ? JSON.parse(text) : text };
  }

  /** A GET's raw body (a download), with its status and headers. */
  async download(email: string, path: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: await this.bearer(email) } });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  /** The call's JSON body; throws naming the call unless it answered `status`. */
  async ok(email: string | null, method: Method, path: string, body?: unknown, status = method === 'POST' ? 201 : 200): Promise<any> {
    const response = await this.call(email, method, path, body);
    if (response.status !== status) {
      throw new Error(`${method} ${path} as ${email}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  async mailbox(): Promise<MailboxItem[]> {
    return ((await this.ok(null, 'GET', '/api/dev/mailbox?limit=500')) as { items: MailboxItem[] }).items;
  }

  /** The first mail to `to` whose subject or text matches, that landed at or after `since` (ms). */
  mailTo(to: string, match: RegExp, since: number, withinMs: number): Promise<MailboxItem> {
    return until(
      `a mail to ${to} matching ${match}`,
      async () =>
        (await this.mailbox())
          .filter((m) => m.to.includes(to) && Date.parse(m.createdAt) >= since && (match.test(m.subject) || match.test(m.text)))
          .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0],
      withinMs,
      100,
    );
  }

  private async bearer(email: string): Promise<string> {
    let token = this.tokens.get(email);
    if (token === undefined) {
      const body = (await this.ok(null, 'POST', '/api/auth/login', { email, password: this.password }, 200)) as { accessToken: string };
      token = `Bearer ${body.accessToken}`;
      this.tokens.set(email, token);
    }
    return token;
  }
}

const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';
const DOCUMENT_OF_STEP: Record<string, string> = {
  service_agreement: 'agreement',
  communication_language: 'agreement',
  peacetime_runbook: 'runbooks/peacetime',
  incident_runbook: 'runbooks/incident',
};

/**
 * Sakura's service, started through the API as each person would: catalogue, agreement (escalation
 * contacts contact1@ and contact2@sakura.example) and both runbooks proposed; the onboarding
 * created and every required step driven, the signature by the security lead's password and the
 * domain-permission mail confirmed through the link that reaches the dev mailbox within
 * `mailWithinMs`; then start-service. Returns the engagement id.
 */
export async function startSakuraService(client: PortalClient, mailWithinMs: number): Promise<string> {
  const engagements = (await client.ok(LEAD, 'GET', '/api/engagements')) as { items: { id: string; customerName: string }[] };
  const engagementId = engagements.items.find((e) => e.customerName === 'Sakura Manufacturing')?.id ?? '';
  const providers = (await client.ok('admin@portal.example', 'GET', '/api/organisations?kind=provider')) as { items: { id: string; name: string }[] };
  const providerId = providers.items.find((o) => o.name === 'Example MDR')?.id ?? '';
  const agreement = sampleAgreement();
  agreement.escalationContacts = agreement.escalationContacts.map((c: object, i: number) => ({ ...c, email: `contact${i + 1}@sakura.example` }));
  const base = `/api/engagements/${engagementId}`;
  await client.ok(LEAD, 'PUT', `/api/providers/${providerId}/catalogue`, sampleCatalogue());
  await client.ok(LEAD, 'POST', `${base}/agreement`, agreement);
  await client.ok(LEAD, 'POST', `${base}/agreement/versions/1/propose`, {}, 200);
  for (const kind of ['peacetime', 'incident']) {
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}`, {});
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}/versions/1/propose`, {}, 200);
  }
  const onboarding = (await client.ok(LEAD, 'POST', '/api/onboardings', { engagementId, templateKey: 'edr-mdr-onboarding', plannedStartDate: '2027-06-01' })) as { id: string };
  const steps = async (): Promise<StepJson[]> => ((await client.ok(LEAD, 'GET', `/api/onboardings/${onboarding.id}`)) as { steps: StepJson[] }).steps;
  for (let round = 0; round < 60; round += 1) {
    const actionable = (await steps()).filter((s) => s.requiredForStart && (s.state === 'open' || s.state === 'stale'));
    if (actionable.length === 0) break;
    for (const { key } of actionable) {
      const step = (await steps()).find((s) => s.key === key);
      if (step && (step.state === 'open' || step.state === 'stale')) await driveStep(client, onboarding.id, engagementId, step, mailWithinMs);
    }
  }
  await client.ok(LEAD, 'POST', `/api/onboardings/${onboarding.id}/start-service`);
  return engagementId;
}

async function driveStep(client: PortalClient, onboardingId: string, engagementId: string, step: StepJson, mailWithinMs: number): Promise<void> {
  const actor = SAKURA_ACTORS[`${step.party}:${step.role}`] ?? LEAD;
  const base = `/api/onboardings/${onboardingId}/steps/${step.key}`;
  if (step.key === 'domain_authorisation_signature') {
    const me = (await client.ok(SECURITY, 'GET', '/api/me')) as { user: { id: string } };
    const request = (await client.ok(LEAD, 'POST', `/api/onboardings/${onboardingId}/signature-requests`, { document: 'authorisation_letter', signerUserId: me.user.id })) as { id: string };
    await client.ok(SECURITY, 'POST', `/api/onboardings/${onboardingId}/signature-requests/${request.id}/sign`, { password: client.password, typedName: 'Hanako Sato' }, 200);
  } else if (step.key === 'domain_permission_email') {
    const since = Date.now();
    await client.ok(LEAD, 'POST', `/api/onboardings/${onboardingId}/domain-confirmations`, { recipients: [SECURITY] });
    const mail = await client.mailTo(SECURITY, /\/confirm\/[A-Za-z0-9_-]{43}/, since - 1000, mailWithinMs);
    await confirmByLink(client, /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] ?? '');
  } else if (step.decidedIn) {
    await client.ok(actor, 'POST', `/api/engagements/${engagementId}/${DOCUMENT_OF_STEP[step.key]}/versions/1/approve`, {}, 200);
  } else if (step.type === 'approval') {
    if (step.proposer && !step.proposal) {
      const proposer = SAKURA_ACTORS[`${step.proposer.party}:${step.proposer.role}`] ?? LEAD;
      await client.ok(proposer, 'POST', `${base}/proposals`, { content: { text: `Proposal for ${step.key}` } });
    }
    await client.ok(actor, 'POST', `${base}/approve`, {}, 200);
  } else {
    await client.ok(actor, 'POST', `${base}/complete`, {}, 200);
  }
}

/** The public confirmation page: its session cookie and CSRF token, then the explicit approval. */
async function confirmByLink(client: PortalClient, token: string): Promise<void> {
  const page = await fetch(`${client.baseUrl}/confirm/${token}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const decided = await fetch(`${client.baseUrl}/confirm/${token}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, decision: 'approve' }).toString(),
  });
  if (decided.status !== 200) throw new Error(`domain confirmation: ${decided.status}`);
}
