import { Clock } from '@app/platform';
import { createAgreementObjects, providerIdOf } from '../agreements/support/agreements-driver';
import { SIGNATURE_STEP, signLetterAsSecurityLead } from './signature-driver';
import { confirmDomainPermission } from './domain-confirmation-driver';
import { bearer, TEST_PASSWORD, TestApp } from './test-app';

/** The demo user who holds each (party, role) for the Sakura engagement. */
export const SAKURA_ACTORS: Record<string, string> = {
  'customer:customer_security_lead': 'security@sakura.example',
  'customer:customer_it': 'it-jp@sakura.example',
  'provider:provider_lead': 'lead@mdr.example',
  'provider:provider_analyst': 'analyst@mdr.example',
  'provider:account_manager': 'am@mdr.example',
};

export interface StepJson {
  key: string;
  type: string;
  party: string;
  role: string;
  state: string;
  requiredForStart: boolean;
  proposal: {
    version: number;
    contentHash: string;
    outdated: Record<string, string> | null;
  } | null;
  proposer: { party: string; role: string } | null;
  decidedIn: string | null;
  proposes: 'snapshot' | 'content' | null;
  actions: string[];
  contentHash: string | null;
  version: number;
  reason: string | null;
  evidence: 'required' | 'optional' | null;
}

/** Logs in lazily and caches one bearer token per demo user. */
export class Tokens {
  private readonly cache = new Map<string, string>();
  constructor(private readonly t: TestApp) {}
  async for(email: string): Promise<string> {
    if (!this.cache.has(email)) this.cache.set(email, await bearer(this.t, email));
    return this.cache.get(email) as string;
  }
}

export async function sakuraEngagementId(t: TestApp, tokens: Tokens): Promise<string> {
  const list = await t
    .http()
    .get('/api/engagements')
    .set('Authorization', await tokens.for('lead@mdr.example'))
    .expect(200);
  return list.body.items.find(
    (e: { customerName: string }) => e.customerName === 'Sakura Manufacturing',
  ).id;
}

export async function createSakuraOnboarding(
  t: TestApp,
  tokens: Tokens,
  plannedStartDate = '2027-06-01',
): Promise<string> {
  const engagementId = await sakuraEngagementId(t, tokens);
  const response = await t
    .http()
    .post('/api/onboardings')
    .set('Authorization', await tokens.for('lead@mdr.example'))
    .send({ engagementId, templateKey: 'edr-mdr-onboarding', plannedStartDate })
    .expect(201);
  return response.body.id;
}

export async function steps(t: TestApp, tokens: Tokens, id: string): Promise<StepJson[]> {
  const detail = await t
    .http()
    .get(`/api/onboardings/${id}`)
    .set('Authorization', await tokens.for('lead@mdr.example'))
    .expect(200);
  return detail.body.steps;
}

/**
 * The provider's catalogue, agreement v1 and both runbooks v1, proposed for the customer to
 * approve: the steps decided in these documents follow their approval.
 */
export async function proposeSakuraDocuments(
  t: TestApp,
  tokens: Tokens,
  engagementId: string,
): Promise<void> {
  await createAgreementObjects(t, {
    engagementId,
    providerId: await providerIdOf(t),
    providerLead: 'lead@mdr.example',
    emailDomain: 'sakura.example',
    password: TEST_PASSWORD,
  });
  const lead = await tokens.for('lead@mdr.example');
  const base = `/api/engagements/${engagementId}/runbooks/incident`;
  await t.http().post(base).set('Authorization', lead).send({}).expect(201);
  await t.http().post(`${base}/versions/1/propose`).set('Authorization', lead).send({}).expect(200);
}

/** Where a document-decided step is approved: the customer approves version 1 of its document. */
const DOCUMENT_OF_STEP: Record<string, string> = {
  service_agreement: 'agreement',
  communication_language: 'agreement',
  peacetime_runbook: 'runbooks/peacetime',
  incident_runbook: 'runbooks/incident',
};

/** Written proposals of the steps without configuration behind them, per their schemas (README). */
export const WRITTEN_PROPOSALS: Record<string, Record<string, unknown>> = {
  go_live_readiness_review: {
    goLiveDate: '2027-06-01',
    summary: 'Agreement, runbooks, authorisation, console access and tuning are complete.',
    openItems: [],
  },
  server_block_mode_review: {
    summary: 'No false positives on servers since the start.',
    moveToBlock: ['Servers'],
    stayInDetect: [],
  },
};

/**
 * What a proposal of `step` sends: nothing for a configuration step (the server takes the
 * snapshot of the engagement as it is; the routing must be set up first), the written content
 * for the others.
 */
async function proposalBody(
  t: TestApp,
  tokens: Tokens,
  id: string,
  step: StepJson,
): Promise<object> {
  if (step.proposes === 'content') return { content: WRITTEN_PROPOSALS[step.key] };
  if (step.key === 'notification_routing') {
    const lead = await tokens.for('lead@mdr.example');
    const { engagementId } = (
      await t.http().get(`/api/onboardings/${id}`).set('Authorization', lead).expect(200)
    ).body;
    const routing = await t
      .http()
      .get(`/api/engagements/${engagementId}/notification-routing`)
      .set('Authorization', lead)
      .expect(200);
    if (!routing.body.configured)
      await t
        .http()
        .put(`/api/engagements/${engagementId}/notification-routing`)
        .set('Authorization', lead)
        .send({ mode: 'per_country' })
        .expect(200);
  }
  return {};
}

/** Does what the step needs, as the right person: propose then approve, or complete. */
export async function drive(
  t: TestApp,
  tokens: Tokens,
  id: string,
  step: StepJson,
  engagementId?: string,
): Promise<void> {
  const actor = await tokens.for(SAKURA_ACTORS[`${step.party}:${step.role}`]);
  const base = `/api/onboardings/${id}/steps/${step.key}`;
  if (step.type === 'automatic_check') {
    // Checks decide themselves when their inputs change; an open one fails for the reason it gives.
    if (step.state === 'done') return;
    throw new Error(
      `The automatic check ${step.key} is ${step.state}: ${step.reason ?? 'no reason given'}`,
    );
  } else if (step.key === SIGNATURE_STEP) {
    // Decided only by a signature request: the provider asks, the security lead signs the letter.
    await signLetterAsSecurityLead(t, tokens, id);
  } else if (step.key === 'domain_permission_email') {
    await confirmDomainPermission(t, await tokens.for('lead@mdr.example'), id);
  } else if (step.decidedIn) {
    if (!engagementId)
      throw new Error(`${step.key} is decided in ${step.decidedIn}: pass the engagement id`);
    const path = `/api/engagements/${engagementId}/${DOCUMENT_OF_STEP[step.key]}/versions/1/approve`;
    await t.http().post(path).set('Authorization', actor).send({}).expect(200);
  } else if (step.type === 'approval') {
    if (step.proposer && (!step.proposal || step.proposal.outdated)) {
      const proposer = await tokens.for(
        SAKURA_ACTORS[`${step.proposer.party}:${step.proposer.role}`],
      );
      await t
        .http()
        .post(`${base}/proposals`)
        .set('Authorization', proposer)
        .send(await proposalBody(t, tokens, id, step))
        .expect(201);
    }
    await t.http().post(`${base}/approve`).set('Authorization', actor).send({}).expect(200);
  } else {
    await satisfyMeasuredCondition(t, tokens, id, step.key, engagementId);
    const request = t.http().post(`${base}/complete`).set('Authorization', actor);
    if (step.evidence === 'required') {
      await request
        .field('note', `Done: ${step.key}`)
        .attach('files', Buffer.from(`Evidence of ${step.key}\n`), `${step.key}.txt`)
        .expect(200);
    } else {
      await request.send({}).expect(200);
    }
  }
}

/** The engagement of an onboarding, as its provider lead reads it. */
async function engagementOf(t: TestApp, tokens: Tokens, onboardingId: string): Promise<string> {
  const detail = await t
    .http()
    .get(`/api/onboardings/${onboardingId}`)
    .set('Authorization', await tokens.for('lead@mdr.example'))
    .expect(200);
  return detail.body.engagementId;
}

/**
 * Makes true what a measured task claims, as its people would: the sensor deployed on every
 * in-scope endpoint (an inventory of one endpoint, in a group of its own, when there is none),
 * and every group through the tuning period (its time in detect mode set back: a fixture).
 */
async function satisfyMeasuredCondition(
  t: TestApp,
  tokens: Tokens,
  onboardingId: string,
  key: string,
  engagementId?: string,
): Promise<void> {
  if (
    ![
      'sensor_deployment_started',
      'sensor_deployment_completed',
      'tuning_period_completed',
    ].includes(key)
  )
    return;
  const engagement = engagementId ?? (await engagementOf(t, tokens, onboardingId));
  const base = `/api/engagements/${engagement}`;
  const it = await tokens.for('it-jp@sakura.example');
  const lead = await tokens.for('lead@mdr.example');
  if (key === 'tuning_period_completed') {
    await t.dataSource.query(
      `UPDATE group_policy SET mode_since = $2::timestamptz - interval '400 days' WHERE engagement_id = $1 AND mode = 'detect'`,
      [engagement, t.app.get(Clock).now()],
    );
    return;
  }
  const summary = await t
    .http()
    .get(`${base}/sensor-deployment`)
    .set('Authorization', lead)
    .expect(200);
  if (summary.body.inScope.endpoints === 0) {
    await t
      .http()
      .post(`${base}/endpoints/import`)
      .set('Authorization', it)
      .attach(
        'file',
        Buffer.from(
          'hostname,type,os_family,os_version,site,country\ndrv-pc-0001,client,windows,Windows 11 25H2,Tokyo,JP\n',
        ),
        'inventory.csv',
      )
      .expect(200);
    await t
      .http()
      .post(`${base}/groups`)
      .set('Authorization', lead)
      .send({
        name: 'Driver: deployed endpoints',
        kind: 'production',
        priority: 900,
        hostnames: ['drv-pc-0001'],
        policy: {
          mode: 'detect',
          quarantine: false,
          updates: 'automatic',
          maxConcurrentUpdates: 5,
        },
      })
      .expect(201);
  }
  // Started needs one deployed endpoint; completed needs them all (or excused).
  const deployed = (
    await t.http().get(`${base}/sensor-deployment`).set('Authorization', lead).expect(200)
  ).body.inScope.deployed;
  if (key === 'sensor_deployment_started' && deployed > 0) return;
  for (const state of ['pending', 'failed']) {
    const page = await t
      .http()
      .get(`${base}/sensor-deployment/endpoints?state=${state}&limit=200`)
      .set('Authorization', lead)
      .expect(200);
    const records = page.body.items.map((e: { hostname: string }) => ({
      hostname: e.hostname,
      status: 'deployed',
    }));
    if (records.length > 0)
      await t
        .http()
        .post(`${base}/sensor-deployment`)
        .set('Authorization', it)
        .send({ records })
        .expect(200);
  }
}

/**
 * Drives every required step to done, each by the person it waits on: proposals and approvals,
 * tasks, checks, and the document-decided steps through their documents (which
 * `proposeSakuraDocuments` must have proposed).
 */
export async function driveToReady(
  t: TestApp,
  tokens: Tokens,
  id: string,
  engagementId: string,
): Promise<void> {
  for (let round = 0; round < 60; round += 1) {
    const actionable = (await steps(t, tokens, id)).filter(
      (s) => s.requiredForStart && (s.state === 'open' || s.state === 'stale'),
    );
    if (actionable.length === 0) return;
    for (const { key } of actionable) {
      // Re-read: one approval of agreement v1 decides two steps.
      const current = (await steps(t, tokens, id)).find((s) => s.key === key);
      if (current?.state === 'open' || current?.state === 'stale')
        await drive(t, tokens, id, current, engagementId);
    }
  }
}
