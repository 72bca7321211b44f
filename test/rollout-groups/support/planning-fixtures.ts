import { Clock } from '@app/platform';
import { drive, steps, Tokens } from '../../support/onboarding-driver';
import { TestApp } from '../../support/test-app';

export interface EndpointRow {
  hostname: string;
  type?: 'client' | 'server';
  osFamily?: 'windows' | 'linux' | 'macos';
  site?: string;
  country?: string;
  existingProduct?: string | null;
  tags?: string[];
}

/** Inserts endpoints straight into the inventory (the CSV import is another feature); hostname → id. */
export async function insertEndpoints(
  t: TestApp,
  engagementId: string,
  rows: EndpointRow[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  // Each engagement's endpoints are its own partition, made by its first import or on demand.
  await t.dataSource.query(`SELECT endpoint_partition_ensure($1)`, [engagementId]);
  for (const r of rows) {
    const [row] = (await t.dataSource.query(
      `INSERT INTO endpoint (engagement_id, hostname, type, os_family, os_version, site, country, existing_product, tags, support_status, support_reason)
       VALUES ($1, $2, $3, $4, 'test', $5, $6, $7, $8, 'supported', 'test fixture') RETURNING id`,
      [
        engagementId,
        r.hostname,
        r.type ?? 'client',
        r.osFamily ?? 'windows',
        r.site ?? 'Tokyo',
        r.country ?? 'JP',
        r.existingProduct ?? null,
        r.tags ?? [],
      ],
    )) as { id: string }[];
    ids[r.hostname] = row.id;
  }
  return ids;
}

/** Records the plan for an existing product through the API, as the provider lead would. */
export async function setProductPlan(
  t: TestApp,
  tokens: Tokens,
  engagementId: string,
  product: string,
  action: 'coexist' | 'remove',
  quarantines: boolean,
): Promise<void> {
  await t
    .http()
    .put(`/api/engagements/${engagementId}/security-products/plan`)
    .set('Authorization', await tokens.for('lead@mdr.example'))
    .send({
      product,
      action,
      quarantines,
      ...(action === 'remove' ? { removePhase: 'production' } : {}),
    })
    .expect(200);
}

const BEFORE_CHECKS = [
  'endpoint_inventory',
  'unsupported_os_decisions',
  'existing_security_products',
  'existing_av_plan',
  'group_policy_design',
];

/** Drives the steps the three planning checks depend on, so the checks are open. */
export async function openPlanningChecks(
  t: TestApp,
  tokens: Tokens,
  onboardingId: string,
): Promise<void> {
  for (const key of BEFORE_CHECKS) {
    const step = (await steps(t, tokens, onboardingId)).find((s) => s.key === key);
    // An automatic check among them decides itself when it opens (passing here: nothing needs a decision).
    if (step?.type === 'automatic_check' && step.state === 'done') continue;
    if (!step || step.state !== 'open')
      throw new Error(`${key} is ${step?.state ?? 'missing'}, expected open`);
    await drive(t, tokens, onboardingId, step);
  }
}

export async function stepState(
  t: TestApp,
  tokens: Tokens,
  onboardingId: string,
  key: string,
): Promise<string> {
  return ((await steps(t, tokens, onboardingId)).find((s) => s.key === key) as { state: string })
    .state;
}

/**
 * A group, a tuning entry and a mode-switch request in an engagement, for the authorisation
 * matrix: fills `:groupId`, `:entryId`, `:requestId` and `:site` with the objects' values.
 */
export async function createRolloutPlanningObjects(
  t: TestApp,
  engagementId: string,
  providerLead: string,
  params: Record<string, string>,
): Promise<void> {
  await insertEndpoints(t, engagementId, [{ hostname: 'hidden-host-1', site: 'HiddenSite' }]);
  const base = `/api/engagements/${engagementId}`;
  const group = await t
    .http()
    .post(`${base}/groups`)
    .set('Authorization', providerLead)
    .send({ name: 'Hidden group', kind: 'production', priority: 1, rule: {} })
    .expect(201);
  const entry = await t
    .http()
    .post(`${base}/tuning-log`)
    .set('Authorization', providerLead)
    .send({
      groupId: group.body.id,
      detectionName: 'x',
      process: 'y',
      decision: 'allow',
      status: 'closed',
    })
    .expect(201);
  await t.dataSource.query(
    `UPDATE group_policy SET mode_since = $2::timestamptz - interval '400 days' WHERE group_id = $1`,
    [group.body.id, t.app.get(Clock).now()],
  );
  const request = await t
    .http()
    .post(`${base}/groups/${group.body.id}/mode-switch`)
    .set('Authorization', providerLead)
    .send({})
    .expect(201);
  Object.assign(params, {
    ':groupId': group.body.id,
    ':entryId': entry.body.id,
    ':requestId': request.body.id,
    ':site': 'HiddenSite',
  });
}
