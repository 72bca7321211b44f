import { bearer, TestApp } from './test-app';

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
  proposal: { version: number; contentHash: string } | null;
  proposer: { party: string; role: string } | null;
  actions: string[];
  contentHash: string | null;
  version: number;
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
  const list = await t.http().get('/api/engagements').set('Authorization', await tokens.for('lead@mdr.example')).expect(200);
  return list.body.items.find((e: { customerName: string }) => e.customerName === 'Sakura Manufacturing').id;
}

export async function createSakuraOnboarding(t: TestApp, tokens: Tokens, plannedStartDate = '2027-06-01'): Promise<string> {
  const engagementId = await sakuraEngagementId(t, tokens);
  const response = await t.http().post('/api/onboardings').set('Authorization', await tokens.for('lead@mdr.example'))
    .send({ engagementId, templateKey: 'edr-mdr-onboarding', plannedStartDate }).expect(201);
  return response.body.id;
}

export async function steps(t: TestApp, tokens: Tokens, id: string): Promise<StepJson[]> {
  const detail = await t.http().get(`/api/onboardings/${id}`).set('Authorization', await tokens.for('lead@mdr.example')).expect(200);
  return detail.body.steps;
}

/** Does what the step needs, as the right person: propose then approve, or complete. */
export async function drive(t: TestApp, tokens: Tokens, id: string, step: StepJson): Promise<void> {
  const actor = await tokens.for(SAKURA_ACTORS[`${step.party}:${step.role}`]);
  const base = `/api/onboardings/${id}/steps/${step.key}`;
  if (step.type === 'approval') {
    if (step.proposer && !step.proposal) {
      const proposer = await tokens.for(SAKURA_ACTORS[`${step.proposer.party}:${step.proposer.role}`]);
      await t.http().post(`${base}/proposals`).set('Authorization', proposer).send({ content: { text: `Proposal for ${step.key}` } }).expect(201);
    }
    await t.http().post(`${base}/approve`).set('Authorization', actor).send({}).expect(200);
  } else {
    await t.http().post(`${base}/complete`).set('Authorization', actor).send({}).expect(200);
  }
}
