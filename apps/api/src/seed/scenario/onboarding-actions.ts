import type { ScenarioContext } from './scenario-context';

export interface StepJson {
  key: string;
  state: string;
  dueAt: string;
}

/**
 * One onboarding's steps as its people do them through the API: a task completed by its owner,
 * a plan proposed by the provider as the server's snapshot and approved by the customer. Each
 * call checks that the step really is done, so a script that drifts from the template stops.
 */
export class OnboardingActions {
  constructor(
    private readonly ctx: ScenarioContext,
    readonly engagementId: string,
    readonly onboardingId: string,
  ) {}

  get base(): string {
    return `/api/engagements/${this.engagementId}`;
  }

  stepPath(key: string): string {
    return `/api/onboardings/${this.onboardingId}/steps/${key}`;
  }

  async steps(email: string): Promise<StepJson[]> {
    return (
      await this.ctx.client.ok<{ steps: StepJson[] }>(
        email,
        'GET',
        `/api/onboardings/${this.onboardingId}`,
      )
    ).steps;
  }

  async expectState(email: string, state: string, ...keys: string[]): Promise<void> {
    const steps = await this.steps(email);
    for (const key of keys) {
      const step = steps.find((s) => s.key === key);
      if (step?.state !== state)
        throw new Error(`Scenario: ${key} is ${step?.state ?? 'missing'}, expected ${state}`);
    }
  }

  async complete(email: string, key: string, note: string, evidence?: string): Promise<void> {
    const step = evidence
      ? await this.ctx.client.upload<{ state?: string }>(
          email,
          `${this.stepPath(key)}/complete`,
          { note },
          [{ field: 'files', name: `${key}.txt`, type: 'text/plain', content: evidence }],
        )
      : await this.ctx.client.ok<{ state?: string }>(
          email,
          'POST',
          `${this.stepPath(key)}/complete`,
          { note },
          200,
        );
    // The answer names the step's new state; otherwise read it.
    if (step?.state !== 'done') await this.expectState(email, 'done', key);
  }

  /** The proposer asks the server to take the plan as it is; the approver decides on that version. */
  async proposeAndApprove(
    proposer: string,
    approver: string,
    key: string,
    body: object = { note: `Please approve the ${key.replace(/_/g, ' ')}.` },
  ): Promise<void> {
    await this.ctx.client.ok(proposer, 'POST', `${this.stepPath(key)}/proposals`, body);
    const step = await this.ctx.client.ok<{ state?: string }>(
      approver,
      'POST',
      `${this.stepPath(key)}/approve`,
      {},
      200,
    );
    if (step?.state !== 'done') await this.expectState(approver, 'done', key);
  }

  /** Every endpoint of a deployment state, page by page. */
  async deploymentHosts(
    email: string,
    state: string,
    match: (e: { hostname: string; site: string }) => boolean = () => true,
  ): Promise<string[]> {
    const hosts: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.ctx.client.ok<{ items: { hostname: string; site: string }[] }>(
        email,
        'GET',
        `${this.base}/sensor-deployment/endpoints?state=${state}&limit=200&offset=${offset}`,
      );
      hosts.push(...page.items.filter(match).map((e) => e.hostname));
      if (page.items.length < 200) return hosts.sort();
    }
  }

  async deploy(email: string, file: string, hostnames: string[]): Promise<void> {
    const csv =
      ['hostname,status,reason', ...hostnames.map((h) => `${h},deployed,`)].join('\n') + '\n';
    await this.ctx.client.upload(email, `${this.base}/sensor-deployment/import`, {}, [
      { field: 'file', name: file, type: 'text/csv', content: csv },
    ]);
  }

  /** Every endpoint the inventory marks unsupported or past its support end, page by page. */
  async endpointsNeedingDecision(
    email: string,
  ): Promise<
    { id: string; hostname: string; osFamily: string; osVersion: string; type: string }[]
  > {
    const found: {
      id: string;
      hostname: string;
      osFamily: string;
      osVersion: string;
      type: string;
    }[] = [];
    for (const status of ['unsupported', 'eol']) {
      for (let offset = 0; ; offset += 200) {
        const page = await this.ctx.client.ok<{
          items: {
            id: string;
            hostname: string;
            osFamily: string;
            osVersion: string;
            type: string;
          }[];
        }>(
          email,
          'GET',
          `${this.base}/endpoints?supportStatus=${status}&limit=200&offset=${offset}`,
        );
        found.push(...page.items);
        if (page.items.length < 200) break;
      }
    }
    return found;
  }
}

/** The products the inventory found installed, whatever the list's shape. */
export function productNames(products: unknown): string[] {
  const items = Array.isArray(products)
    ? products
    : ((products as { items?: unknown[] }).items ?? []);
  return items.map((p) =>
    String((p as { product?: unknown; name?: unknown }).product ?? (p as { name?: unknown }).name),
  );
}
