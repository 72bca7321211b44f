import type { TemplateRegistry } from '@app/workflow';
import { DEMO_USERS } from '../demo-data';
import type { InProcessClient } from './in-process-client';
import { ACCOUNT_MANAGER, ANALYST, LEAD, NORTHWIND_SECURITY, SAKURA_SECURITY } from './scenario-context';

interface Blocker {
  stepKey: string;
  title: string;
  state: string;
  overdue: boolean;
  waitingOn: { users: { email: string }[] };
}

interface IncidentSummary {
  id: string;
  title: string;
  status: string;
  severity: string;
}

/** States a person can act on now (a blocked step waits on someone else first). */
const ACTIONABLE = new Set(['open', 'stale', 'rejected']);

/** Who the banner speaks to, in the order a visitor would try them. */
const ORDER = [SAKURA_SECURITY, 'it-cn@sakura.example', ANALYST, LEAD, ACCOUNT_MANAGER, NORTHWIND_SECURITY];

/**
 * The banner's "try first" lines: for each demo person, what waits on them now, read from the
 * portal as it stands (gates, incidents), so the words follow the data, not the other way round.
 */
export async function scenarioHints(client: InProcessClient, templates: TemplateRegistry): Promise<string[]> {
  const waiting = new Map<string, string[]>();
  const add = (email: string, what: string) => waiting.set(email, [...(waiting.get(email) ?? []), what]);

  const onboardings = await client.ok<{ items: { id: string; customerName: string; status: string; engagementId: string; templateKey: string; templateVersion: number }[] }>(
    LEAD,
    'GET',
    '/api/onboardings?limit=50',
  );
  let blockersInAll = 0;
  let overdueInAll = 0;
  for (const onboarding of onboardings.items.filter((o) => o.status !== 'active')) {
    const gate = await client.ok<{ blockers: Blocker[] }>(LEAD, 'GET', `/api/onboardings/${onboarding.id}/gate`);
    const steps = new Map<string, Blocker>();
    for (const blocker of gate.blockers) steps.set(blocker.stepKey, blocker);
    blockersInAll += steps.size;
    for (const step of steps.values()) {
      if (step.overdue) overdueInAll += 1;
      if (!ACTIONABLE.has(step.state)) continue;
      // A changed or rejected plan goes back to whoever proposes it first, as the home pages show.
      const proposer = step.state === 'open' ? undefined : templates.step(onboarding.templateKey, onboarding.templateVersion, step.stepKey)?.proposer;
      const why = [step.state === 'stale' ? 'changed since approved' : step.state === 'rejected' ? 'rejected' : '', step.overdue ? 'overdue' : ''].filter(Boolean);
      const what = `${step.title}${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
      const people = proposer ? DEMO_USERS.filter((u) => u.organisationKey === 'provider' && u.role === proposer.role).map((u) => u.email) : step.waitingOn.users.map((u) => u.email);
      for (const email of people) add(email, proposer ? `propose again: ${what}` : what);
    }
  }
  const started = onboardings.items.filter((o) => o.status === 'active');
  let openIncidents = 0;
  for (const onboarding of started) {
    const incidents = await client.ok<{ items: IncidentSummary[] }>(ANALYST, 'GET', `/api/engagements/${onboarding.engagementId}/incidents?limit=50`);
    for (const incident of incidents.items.filter((i) => i.status !== 'closed' && i.status !== 'resolved')) {
      openIncidents += 1;
      add(ANALYST, `${incident.severity} incident at ${onboarding.customerName}: ${incident.title}`);
      const detail = await client.ok<{ actions: { action: string; target: string; status: string }[] }>(ANALYST, 'GET', `/api/engagements/${onboarding.engagementId}/incidents/${incident.id}`);
      for (const action of detail.actions.filter((a) => a.status === 'awaiting_customer')) {
        add(NORTHWIND_SECURITY, `approve or decline: ${action.action.replace(/_/g, ' ')} ${action.target} (${incident.title})`);
      }
    }
  }
  if (onboardings.items.length > 0) {
    add(ACCOUNT_MANAGER, `the overview: ${onboardings.items.length} customers, ${blockersInAll} blockers (${overdueInAll} overdue), ${openIncidents} open incident${openIncidents === 1 ? '' : 's'}`);
  }

  const lines: string[] = [];
  for (const email of ORDER) {
    const items = waiting.get(email) ?? [];
    if (items.length === 0) continue;
    const count = items.length === 1 ? 'one thing waits on you' : `${items.length} things wait on you`;
    lines.push(`log in as ${email}: ${count}: ${items.join('; ')}`);
  }
  return lines;
}
