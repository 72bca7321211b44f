import {
  ANALYST,
  DAY_MS,
  HOUR_MS,
  LEAD,
  MINUTE_MS,
  NORTHWIND_SECURITY,
  ScenarioContext,
} from './scenario-context';

// Northwind's two incidents of the scenario, told through the API as the analyst, the lead and
// the customer's security lead would: one closed with its report, one waiting on the customer.

interface IncidentJson {
  id: string;
  status: string;
  tasks: { id: string; title: string; owner: { party: string }; status: string }[];
  actions: { id: string; status: string }[];
}

/** Twelve days ago: credential phishing on a store PC, isolated with the customer's approval, reported. */
export async function closedIncident(ctx: ScenarioContext, base: string): Promise<string> {
  const { client } = ctx;
  const start = -12 * DAY_MS + 9 * HOUR_MS;
  await ctx.at(start);
  const incident = await client.ok<IncidentJson>(ANALYST, 'POST', `${base}/incidents`, {
    title: 'Credential phishing on str-pos-004',
    severity: 'high',
    host: 'str-pos-004',
  });
  const path = `${base}/incidents/${incident.id}`;
  await ctx.at(start + 9 * MINUTE_MS);
  await client.ok(ANALYST, 'POST', `${path}/acknowledge`, {}, 200);
  await ctx.at(start + 35 * MINUTE_MS);
  await client.ok(ANALYST, 'POST', `${path}/respond`, {}, 200);
  const action = await client.ok<{ id: string }>(ANALYST, 'POST', `${path}/actions`, {
    action: 'isolate_host',
    target: 'str-pos-004',
    reason: 'Session cookies sent to a phishing kit',
  });
  await ctx.at(start + 48 * MINUTE_MS);
  await client.ok(
    NORTHWIND_SECURITY,
    'POST',
    `${path}/actions/${action.id}/approve`,
    { password: ctx.password },
    200,
  );
  await client.ok(ANALYST, 'POST', `${path}/status`, { status: 'triaged' }, 200);
  await ctx.at(start + 70 * MINUTE_MS);
  await client.ok(
    ANALYST,
    'POST',
    `${path}/status`,
    { status: 'contained', note: 'Host isolated, passwords reset' },
    200,
  );
  const current = await client.ok<IncidentJson>(ANALYST, 'GET', path);
  const [notApplicable, ...rest] = current.tasks.filter((t) => t.status === 'open');
  if (notApplicable)
    await client.ok(
      LEAD,
      'POST',
      `${path}/tasks/${notApplicable.id}/not-applicable`,
      { reason: 'Only one till was involved; nothing else to do here' },
      200,
    );
  await ctx.at(start + 5 * HOUR_MS);
  for (const task of rest) {
    await client.ok(
      task.owner.party === 'customer' ? NORTHWIND_SECURITY : ANALYST,
      'POST',
      `${path}/tasks/${task.id}/complete`,
      { note: `Done: ${task.title}` },
      200,
    );
  }
  await ctx.at(start + 7 * HOUR_MS);
  await client.ok(
    ANALYST,
    'POST',
    `${path}/status`,
    { status: 'resolved', note: 'Till reimaged and back in service' },
    200,
  );
  await ctx.at(start + DAY_MS + 2 * HOUR_MS);
  await client.ok(LEAD, 'POST', `${path}/status`, { status: 'closed' }, 200);
  return incident.id;
}

/** Within the hour: ransomware beaconing from a server; acknowledged, the isolation waits on the customer. */
export async function openIncident(ctx: ScenarioContext, base: string): Promise<string> {
  const { client } = ctx;
  const start = -50 * MINUTE_MS;
  await ctx.at(start);
  const incident = await client.ok<IncidentJson>(ANALYST, 'POST', `${base}/incidents`, {
    title: 'Ransomware beacon on lds-srv-002',
    severity: 'critical',
    host: 'lds-srv-002',
  });
  const path = `${base}/incidents/${incident.id}`;
  await ctx.at(start + 4 * MINUTE_MS);
  await client.ok(ANALYST, 'POST', `${path}/acknowledge`, {}, 200);
  await ctx.at(start + 18 * MINUTE_MS);
  await client.ok(ANALYST, 'POST', `${path}/respond`, {}, 200);
  await client.ok(
    ANALYST,
    'POST',
    `${path}/status`,
    { status: 'triaged', note: 'Beacon confirmed; the host serves the warehouse system' },
    200,
  );
  // The analyst's first tasks of the runbook are done; the rest wait on the containment.
  const current = await client.ok<IncidentJson>(ANALYST, 'GET', path);
  for (const task of current.tasks.filter(
    (t) =>
      t.status === 'open' &&
      t.owner.party === 'provider' &&
      /triage|first incident notice|escalate/i.test(t.title),
  )) {
    await client.ok(
      ANALYST,
      'POST',
      `${path}/tasks/${task.id}/complete`,
      { note: `Done: ${task.title}` },
      200,
    );
  }
  await ctx.at(start + 25 * MINUTE_MS);
  const requested = await client.ok<{ status: string }>(ANALYST, 'POST', `${path}/actions`, {
    action: 'isolate_host',
    target: 'lds-srv-002',
    reason: 'Beaconing to a known C2 domain every 60 s',
  });
  if (requested.status !== 'awaiting_customer')
    throw new Error(`Scenario: the isolation should wait for the customer, is ${requested.status}`);
  return incident.id;
}
