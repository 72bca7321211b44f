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
  const { id, path } = await openAndRespond(
    ctx,
    base,
    { title: 'Credential phishing on str-pos-004', severity: 'high', host: 'str-pos-004' },
    [start, start + 9 * MINUTE_MS, start + 35 * MINUTE_MS],
  );
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
  for (const task of rest)
    await completeTask(
      ctx,
      path,
      task,
      task.owner.party === 'customer' ? NORTHWIND_SECURITY : ANALYST,
    );
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
  return id;
}

/** Within the hour: ransomware beaconing from a server; acknowledged, the isolation waits on the customer. */
export async function openIncident(ctx: ScenarioContext, base: string): Promise<string> {
  const { client } = ctx;
  const start = -50 * MINUTE_MS;
  const { id, path } = await openAndRespond(
    ctx,
    base,
    { title: 'Ransomware beacon on lds-srv-002', severity: 'critical', host: 'lds-srv-002' },
    [start, start + 4 * MINUTE_MS, start + 18 * MINUTE_MS],
  );
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
  ))
    await completeTask(ctx, path, task, ANALYST);
  await ctx.at(start + 25 * MINUTE_MS);
  const requested = await client.ok<{ status: string }>(ANALYST, 'POST', `${path}/actions`, {
    action: 'isolate_host',
    target: 'lds-srv-002',
    reason: 'Beaconing to a known C2 domain every 60 s',
  });
  if (requested.status !== 'awaiting_customer')
    throw new Error(`Scenario: the isolation should wait for the customer, is ${requested.status}`);
  return id;
}

/** An analyst opens the incident at `at[0]`, acknowledges it at `at[1]` and responds at `at[2]`. */
async function openAndRespond(
  ctx: ScenarioContext,
  base: string,
  incident: { title: string; severity: string; host: string },
  at: [number, number, number],
): Promise<{ id: string; path: string }> {
  await ctx.at(at[0]);
  const { id } = await ctx.client.ok<IncidentJson>(ANALYST, 'POST', `${base}/incidents`, incident);
  const path = `${base}/incidents/${id}`;
  await ctx.at(at[1]);
  await ctx.client.ok(ANALYST, 'POST', `${path}/acknowledge`, {}, 200);
  await ctx.at(at[2]);
  await ctx.client.ok(ANALYST, 'POST', `${path}/respond`, {}, 200);
  return { id, path };
}

async function completeTask(
  ctx: ScenarioContext,
  path: string,
  task: { id: string; title: string },
  by: string,
): Promise<void> {
  await ctx.client.ok(
    by,
    'POST',
    `${path}/tasks/${task.id}/complete`,
    { note: `Done: ${task.title}` },
    200,
  );
}
