import { submitLinkForm } from './journey-client';
import { ANALYST, JourneyEnv, LEAD, SECURITY } from './onboarding-walk';

interface TaskJson {
  id: string;
  stepKey: string;
  title: string;
  owner: { party: string; role: string };
  status: string;
}

interface IncidentJson {
  id: string;
  status: string;
  tasks: TaskJson[];
  actions: { id: string; action: string; status: string; decidedVia: string | null }[];
  timeline: { type: string }[];
}

export interface WalkedIncident {
  incidentId: string;
  reportHtml: string;
  reportPdf: { contentType: string; bytes: number };
}

/**
 * One incident of the started service, as the agreed runbook and response rules say: the analyst
 * opens, acknowledges and responds; isolating the host is `collaborate`, so the security lead is
 * mailed a link and approves it there; every runbook task is done by its owner or marked not
 * applicable with a reason; the incident is resolved, closed, and its report read.
 */
export async function walkIncident(env: JourneyEnv, engagementId: string): Promise<WalkedIncident> {
  const { client, mail } = env;
  const base = `/api/engagements/${engagementId}/incidents`;
  const opened = await client.ok<IncidentJson>(ANALYST, 'POST', base, {
    title: 'Ransomware beacon on tky-pc-003',
    severity: 'critical',
    host: 'tky-pc-003',
  });
  const path = `${base}/${opened.id}`;
  await client.ok(ANALYST, 'POST', `${path}/acknowledge`, {}, 200);
  await client.ok(ANALYST, 'POST', `${path}/respond`, {}, 200);
  env.say(`${ANALYST}: incident opened, acknowledged and responded to`);

  const beforeAction = await mail.mark();
  const requested = await client.ok<{ status: string }>(ANALYST, 'POST', `${path}/actions`, {
    action: 'isolate_host',
    target: 'tky-pc-003',
    reason: 'Beaconing to a known C2 domain',
  });
  if (requested.status !== 'awaiting_customer')
    throw new Error(`isolate_host should wait for the customer, is ${requested.status}`);
  const approval = await mail.next(SECURITY, /\/incident-actions\/[A-Za-z0-9_-]{43}/, beforeAction);
  const link =
    /(https?:\/\/\S+\/incident-actions\/[A-Za-z0-9_-]{43})/.exec(approval.text)?.[1] ?? '';
  const linkPath = new URL(link).pathname;
  if (env.moments) await env.moments.approveAction(`${client.baseUrl}${linkPath}`);
  else {
    const decided = await submitLinkForm(client.baseUrl, linkPath, {
      decision: 'approve',
      password: client.password,
    });
    if (decided.status !== 200)
      throw new Error(`approving the isolation by its link answered ${decided.status}`);
  }
  env.say(`${SECURITY} approved the host isolation through the mailed link`);

  await client.ok(ANALYST, 'POST', `${path}/status`, { status: 'triaged' }, 200);
  await client.ok(
    ANALYST,
    'POST',
    `${path}/status`,
    { status: 'contained', note: 'Host isolated' },
    200,
  );
  const current = await client.ok<IncidentJson>(ANALYST, 'GET', path);
  const [notApplicable, ...rest] = current.tasks.filter((task) => task.status === 'open');
  if (notApplicable) {
    await client.ok(
      LEAD,
      'POST',
      `${path}/tasks/${notApplicable.id}/not-applicable`,
      { reason: 'Only one host was involved; nothing else to do here' },
      200,
    );
  }
  for (const task of rest) {
    const owner = task.owner.party === 'customer' ? SECURITY : ANALYST;
    await client.ok(
      owner,
      'POST',
      `${path}/tasks/${task.id}/complete`,
      { note: `Done: ${task.title}` },
      200,
    );
  }
  env.say(`runbook tasks: ${rest.length} done by their owners, 1 not applicable with a reason`);
  await client.ok(
    ANALYST,
    'POST',
    `${path}/status`,
    { status: 'resolved', note: 'Reimaged and restored' },
    200,
  );
  await client.ok(LEAD, 'POST', `${path}/status`, { status: 'closed' }, 200);
  const reportHtml = await client.ok<string>(SECURITY, 'GET', `${path}/report?format=html`);
  const pdf = await client.call<string>(SECURITY, 'GET', `${path}/report?format=pdf`);
  env.say('incident closed; the closure report read as HTML and PDF');
  return {
    incidentId: opened.id,
    reportHtml,
    reportPdf: {
      contentType: pdf.headers.get('content-type') ?? '',
      bytes: Number(pdf.headers.get('content-length') ?? 0),
    },
  };
}
