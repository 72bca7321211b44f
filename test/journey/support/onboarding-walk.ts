import { sampleAgreement, sampleCatalogue } from '../../agreements/support/fixtures';
import type { JourneyClient } from './journey-client';
import { submitLinkForm } from './journey-client';
import type { MailReader } from './mail-readers';
import {
  SAKURA_GROUPS,
  SAKURA_INVENTORY_CSV,
  SAKURA_SITE_FIGURES,
  SAKURA_SITES,
} from './sakura-estate';

export const LEAD = 'lead@mdr.example';
export const ANALYST = 'analyst@mdr.example';
export const SECURITY = 'security@sakura.example';
export const IT_JP = 'it-jp@sakura.example';
export const ADMIN = 'admin@portal.example';

/**
 * The customer's moments, done by a person in a browser when a journey has one (Chromium in
 * server mode); otherwise through the same routes the pages post to.
 */
export interface CustomerMoments {
  approveProposal(
    email: string,
    onboardingId: string,
    stepKey: string,
    version: number,
  ): Promise<void>;
  signLetter(email: string, onboardingId: string, requestId: string): Promise<void>;
  confirmDomain(link: string): Promise<void>;
  approveAction(link: string): Promise<void>;
}

export interface JourneyEnv {
  client: JourneyClient;
  mail: MailReader;
  /** Weeks pass: moves the business clock of every process of the portal forward. */
  advanceDays(days: number): Promise<void>;
  /** What the portal's business clock reads now. */
  now(): Date;
  moments?: CustomerMoments;
  /** One line per thing done, for the test's log. */
  say(line: string): void;
}

export interface StepJson {
  key: string;
  title: string;
  type: string;
  party: string;
  role: string;
  state: string;
  requiredForStart: boolean;
  proposal: { version: number } | null;
  actions: string[];
  reason: string | null;
}

export interface WalkedOnboarding {
  engagementId: string;
  onboardingId: string;
  /** Who did each step: the person its template names (a 403 would have stopped the walk). */
  doneBy: Record<string, string>;
}

/**
 * Sakura's whole onboarding of the standard template, each step done by the person it names and
 * through what that step really is: the inventory is imported, sites measured, decisions
 * recorded, groups designed, plans proposed as the server's snapshots and approved, the letter
 * signed, the domain permission confirmed through the mailed link, the sensor deployed, the
 * tuning period lived through; no waiver anywhere. Ends with the service started (201).
 */
export async function walkSakuraOnboarding(env: JourneyEnv): Promise<WalkedOnboarding> {
  const { client, mail } = env;
  const doneBy: Record<string, string> = {};
  const engagements = await client.ok<{ items: { id: string; customerName: string }[] }>(
    LEAD,
    'GET',
    '/api/engagements',
  );
  const engagementId =
    engagements.items.find((e) => e.customerName === 'Sakura Manufacturing')?.id ?? '';
  const base = `/api/engagements/${engagementId}`;

  // The provider's side before the onboarding: its catalogue, the agreement and both runbooks proposed.
  const providers = await client.ok<{ items: { id: string; name: string }[] }>(
    ADMIN,
    'GET',
    '/api/organisations?kind=provider',
  );
  const providerId = providers.items.find((o) => o.name === 'Example MDR')?.id ?? '';
  await client.ok(LEAD, 'PUT', `/api/providers/${providerId}/catalogue`, sampleCatalogue());
  const agreement = sampleAgreement();
  agreement.escalationContacts = agreement.escalationContacts.map((c: object, i: number) => ({
    ...c,
    email: i === 0 ? SECURITY : 'it-cn@sakura.example',
  }));
  await client.ok(LEAD, 'POST', `${base}/agreement`, agreement);
  await client.ok(LEAD, 'POST', `${base}/agreement/versions/1/propose`, {}, 200);
  for (const kind of ['peacetime', 'incident']) {
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}`, {});
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}/versions/1/propose`, {}, 200);
  }
  env.say('provider lead: catalogue, agreement v1 and both runbooks proposed');

  const created = await mail.mark();
  const onboarding = await client.ok<{ id: string; sequence: number }>(
    LEAD,
    'POST',
    '/api/onboardings',
    {
      engagementId,
      templateKey: 'edr-mdr-onboarding',
      plannedStartDate: dayAfter(env.now(), 60),
    },
  );
  const onboardingId = onboarding.id;
  const stepPath = (key: string) => `/api/onboardings/${onboardingId}/steps/${key}`;
  const stepsAs = async (email: string) =>
    (await client.ok<{ steps: StepJson[] }>(email, 'GET', `/api/onboardings/${onboardingId}`))
      .steps;
  const state = async (key: string) => (await stepsAs(LEAD)).find((s) => s.key === key)?.state;
  const expectDone = async (...keys: string[]) => {
    for (const key of keys) {
      const now = await state(key);
      if (now !== 'done')
        throw new Error(
          `${key} is ${now}, expected done: ${JSON.stringify((await stepsAs(LEAD)).find((s) => s.key === key))}`,
        );
    }
  };
  const complete = async (email: string, key: string, note: string, evidence?: string) => {
    if (evidence) {
      await client.upload(email, `${stepPath(key)}/complete`, { note }, [
        { field: 'files', name: `${key}.txt`, type: 'text/plain', content: evidence },
      ]);
    } else {
      await client.ok(email, 'POST', `${stepPath(key)}/complete`, { note }, 200);
    }
    doneBy[key] = email;
    await expectDone(key);
    env.say(`${email}: ${key} completed`);
  };
  /** The proposer asks the server to take the plan as it is; the approver decides on that version. */
  const proposeAndApprove = async (
    proposer: string,
    approver: string,
    key: string,
    body: object = { note: `Please approve the ${key.replace(/_/g, ' ')}.` },
  ) => {
    const proposal = await client.ok<{ submissionVersion?: number; version?: number }>(
      proposer,
      'POST',
      `${stepPath(key)}/proposals`,
      body,
    );
    const version = proposal.submissionVersion ?? proposal.version ?? 1;
    if (env.moments && approver === SECURITY && key === 'group_policy_design')
      await env.moments.approveProposal(approver, onboardingId, key, version);
    else await client.ok(approver, 'POST', `${stepPath(key)}/approve`, {}, 200);
    doneBy[key] = approver;
    await expectDone(key);
    env.say(`${proposer} proposed, ${approver} approved: ${key} v${version}`);
  };

  // Each assignee of an open step is told, in their own language.
  const inventoryTitle =
    (await stepsAs(IT_JP)).find((s) => s.key === 'endpoint_inventory')?.title ?? '';
  await mail.next(IT_JP, new RegExp(escape(inventoryTitle)), created);
  env.say(`${IT_JP} was mailed that "${inventoryTitle}" waits on them`);

  // Introduction: requirements, inventory, products, network, decisions.
  await complete(
    SECURITY,
    'mdr_requirements_defined',
    'Requirements: 24x7, Japanese with the provider, isolation only with our approval.',
  );
  await expectDone('provider_requirements_check');
  doneBy.provider_requirements_check = 'automatic';

  await client.upload(IT_JP, `${base}/endpoints/import`, {}, [
    {
      field: 'file',
      name: 'sakura-inventory.csv',
      type: 'text/csv',
      content: SAKURA_INVENTORY_CSV,
    },
  ]);
  await complete(IT_JP, 'endpoint_inventory', 'Exported from the asset register on the 2nd.');

  const products = await client.ok<unknown>(IT_JP, 'GET', `${base}/security-products`);
  for (const product of productNames(products)) {
    await client.ok(
      IT_JP,
      'PUT',
      `${base}/security-products/plan`,
      {
        product,
        action: 'coexist',
        quarantines: true,
        note: 'Kept until the EDR blocks; it quarantines',
      },
      200,
    );
  }
  await complete(
    IT_JP,
    'existing_security_products',
    'Legacy AV 12 on every PC; nothing on the servers.',
  );

  for (const site of SAKURA_SITES)
    await client.ok(
      IT_JP,
      'PUT',
      `${base}/sites/${encodeURIComponent(site)}`,
      SAKURA_SITE_FIGURES,
      200,
    );
  await complete(IT_JP, 'bandwidth_survey', 'Measured over a week of business hours.');

  // The agreement (and in it the language) is approved in its document.
  await client.ok(SECURITY, 'POST', `${base}/agreement/versions/1/approve`, {}, 200);
  await expectDone('communication_language', 'service_agreement');
  doneBy.communication_language = doneBy.service_agreement = SECURITY;

  // Every endpoint that needs a decision gets one, recorded by the security lead.
  const needing = await client.ok<{
    items: { id: string; hostname: string; osFamily: string; type: string }[];
  }>(SECURITY, 'GET', `${base}/endpoints?supportStatus=unsupported&limit=200`);
  const ended = await client.ok<{
    items: { id: string; hostname: string; osFamily: string; type: string }[];
  }>(SECURITY, 'GET', `${base}/endpoints?supportStatus=eol&limit=200`);
  for (const endpoint of [...needing.items, ...ended.items]) {
    const upgrade = endpoint.type === 'server' && endpoint.osFamily === 'windows';
    await client.ok(
      SECURITY,
      'POST',
      `${base}/endpoint-decisions`,
      upgrade
        ? {
            kind: 'upgrade',
            upgradeBy: '2027-03-31',
            note: 'Moving the ERP to Server 2022 in Q1',
            endpointIds: [endpoint.id],
          }
        : {
            kind: 'exclude',
            note: 'Retired before the service starts',
            endpointIds: [endpoint.id],
          },
    );
  }
  await proposeAndApprove(LEAD, SECURITY, 'unsupported_os_decisions');
  await proposeAndApprove(LEAD, SECURITY, 'existing_av_plan');

  // The provider designs groups and policies; the customer approves the design it sees.
  for (const group of SAKURA_GROUPS) await client.ok(LEAD, 'POST', `${base}/groups`, group);
  await proposeAndApprove(LEAD, SECURITY, 'group_policy_design');
  await expectDone(
    'server_detect_mode_check',
    'group_coverage_check',
    'av_quarantine_conflict_check',
  );
  doneBy.server_detect_mode_check =
    doneBy.group_coverage_check =
    doneBy.av_quarantine_conflict_check =
      'automatic';
  await proposeAndApprove(LEAD, SECURITY, 'update_policy');
  await proposeAndApprove(LEAD, SECURITY, 'migration_plan');
  await proposeAndApprove(LEAD, IT_JP, 'update_waves_plan');

  // Detection: who is told, the static block list, the effectiveness check.
  await client.ok(LEAD, 'PUT', `${base}/notification-routing`, { mode: 'per_country' }, 200);
  await proposeAndApprove(LEAD, SECURITY, 'notification_routing');
  await client.ok(ANALYST, 'POST', `${base}/block-list`, {
    type: 'domain',
    value: 'invoice-portal.example',
    reason: 'Phishing domain of the 2024 incident',
  });
  await client.ok(ANALYST, 'POST', `${base}/block-list`, {
    type: 'sha256',
    value: 'a'.repeat(64),
    reason: 'Dropper of the 2024 incident',
  });
  await proposeAndApprove(ANALYST, SECURITY, 'static_block_list');
  await client.ok(ANALYST, 'POST', `${base}/past-incidents`, {
    title: 'Invoice phishing, 2024',
    occurredOn: '2024-06-01',
    description: 'A finance PC ran a dropper from a phishing link.',
    technique: 'phishing link, dropper',
    indicators: [{ type: 'domain', value: 'invoice-portal.example' }],
  });
  await client.ok(ANALYST, 'GET', `${base}/effectiveness-report`);
  await complete(
    ANALYST,
    'effectiveness_check',
    'The block list would have stopped the 2024 incident at the domain.',
  );

  // The console, the first deployments, the runbooks, the briefing, the contacts.
  await complete(
    IT_JP,
    'console_setup',
    'Groups, policies and update settings entered as approved.',
    'Console export: groups and policies as approved.\n',
  );
  const inScope = await deploymentTargets(client, base);
  await client.upload(IT_JP, `${base}/sensor-deployment/import`, {}, [
    {
      field: 'file',
      name: 'wave-1.csv',
      type: 'text/csv',
      content: deploymentCsv(inScope.slice(0, 3)),
    },
  ]);
  await complete(IT_JP, 'sensor_deployment_started', 'Wave 1 deployed.');
  for (const kind of ['peacetime', 'incident'])
    await client.ok(SECURITY, 'POST', `${base}/runbooks/${kind}/versions/1/approve`, {}, 200);
  await expectDone('peacetime_runbook', 'incident_runbook');
  doneBy.peacetime_runbook = doneBy.incident_runbook = SECURITY;
  await complete(
    SECURITY,
    'staff_briefing',
    'Briefed the IT staff of all three sites.',
    'Briefing slides and attendance.\n',
  );
  await complete(IT_JP, 'notification_contacts', 'Country contacts confirmed for JP and CN.');

  // The EDR vendor's domain authorisation: the signature, and the answer to the permission mail.
  const security = await client.ok<{ user: { id: string } }>(SECURITY, 'GET', '/api/me');
  const beforeSignature = await mail.mark();
  const signature = await client.ok<{ id: string }>(
    LEAD,
    'POST',
    `/api/onboardings/${onboardingId}/signature-requests`,
    { document: 'authorisation_letter', signerUserId: security.user.id },
  );
  await mail.next(SECURITY, /\/sign\/[A-Za-z0-9_-]{20,}|signature|署名/, beforeSignature);
  if (env.moments) await env.moments.signLetter(SECURITY, onboardingId, signature.id);
  else
    await client.ok(
      SECURITY,
      'POST',
      `/api/onboardings/${onboardingId}/signature-requests/${signature.id}/sign`,
      { password: client.password, typedName: '佐藤 花子' },
      200,
    );
  await expectDone('domain_authorisation_signature');
  doneBy.domain_authorisation_signature = SECURITY;
  env.say(`${SECURITY} signed the authorisation letter`);

  const beforePermission = await mail.mark();
  await client.ok(LEAD, 'POST', `/api/onboardings/${onboardingId}/domain-confirmations`, {
    recipients: [SECURITY],
  });
  const permission = await mail.next(SECURITY, /\/confirm\/[A-Za-z0-9_-]{43}/, beforePermission);
  const link = /(https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]{43})/.exec(permission.text)?.[1] ?? '';
  const path = new URL(link).pathname;
  if (env.moments) await env.moments.confirmDomain(`${client.baseUrl}${path}`);
  else {
    const decided = await submitLinkForm(client.baseUrl, path, { decision: 'approve' });
    if (decided.status !== 200)
      throw new Error(`confirming the domain permission answered ${decided.status}`);
  }
  await expectDone('domain_permission_email');
  doneBy.domain_permission_email = SECURITY;
  env.say(`${SECURITY} confirmed the domain permission through the mailed link`);

  // The rest of the sensors, the provider's access, the escalation test.
  await client.upload(IT_JP, `${base}/sensor-deployment/import`, {}, [
    {
      field: 'file',
      name: 'wave-2.csv',
      type: 'text/csv',
      content: deploymentCsv(inScope.slice(3)),
    },
  ]);
  await complete(
    IT_JP,
    'sensor_deployment_completed',
    'Every in-scope endpoint reports to the console.',
  );
  await complete(
    LEAD,
    'console_access_granted',
    'The vendor granted our SOC access to the tenant.',
    'Vendor confirmation of tenant access.\n',
  );
  await complete(
    ANALYST,
    'escalation_test',
    'Called both contacts in order; both acknowledged.',
    'Escalation test record.\n',
  );

  // Pre-production: the agreed tuning period is lived through, in detect mode.
  const tuningDays = (sampleAgreement().minimumTuningPeriodDays as number) + 1;
  const early = await client.call(
    SECURITY,
    'POST',
    `${stepPath('tuning_period_completed')}/complete`,
    { note: 'too early' },
  );
  if (early.status !== 409)
    throw new Error(`tuning_period_completed completed before the tuning period: ${early.status}`);
  await env.advanceDays(tuningDays);
  env.say(`${tuningDays} days pass in detect mode`);
  await complete(
    SECURITY,
    'tuning_period_completed',
    'No open false positives after the tuning period.',
  );

  await proposeAndApprove(LEAD, SECURITY, 'go_live_readiness_review', {
    content: {
      goLiveDate: dayAfter(env.now(), 1),
      summary: 'Agreement, runbooks, authorisation, access, deployment and tuning are complete.',
      openItems: [],
    },
  });

  const gate = await client.ok<{ ready: boolean; blockers: unknown[] }>(
    LEAD,
    'GET',
    `/api/onboardings/${onboardingId}/gate`,
  );
  if (!gate.ready) throw new Error(`The gate is not ready: ${JSON.stringify(gate.blockers)}`);
  await client.ok(LEAD, 'POST', `/api/onboardings/${onboardingId}/start-service`, {}, 201);
  env.say('provider lead: the service started (201)');
  return { engagementId, onboardingId, doneBy };
}

/** The calendar day (UTC) `days` after `at`. */
function dayAfter(at: Date, days: number): string {
  return new Date(at.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function productNames(products: unknown): string[] {
  const items = Array.isArray(products)
    ? products
    : ((products as { items?: unknown[] }).items ?? []);
  return items.map((p) =>
    String((p as { product?: unknown; name?: unknown }).product ?? (p as { name?: unknown }).name),
  );
}

async function deploymentTargets(client: JourneyClient, base: string): Promise<string[]> {
  const page = await client.ok<{ items: { hostname: string }[] }>(
    IT_JP,
    'GET',
    `${base}/sensor-deployment/endpoints?state=pending&limit=200`,
  );
  return page.items.map((e) => e.hostname).sort();
}

function deploymentCsv(hostnames: string[]): string {
  return ['hostname,status,reason', ...hostnames.map((h) => `${h},deployed,`)].join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
