import type { INestApplicationContext } from '@nestjs/common';
import { AccessScope } from '@app/access';
import { ScopeService } from '@app/identity';
import { IncidentsService } from '@app/incidents';
import { GateService, OnboardingService, TemplateRegistry } from '@app/workflow';
import { DataSource } from 'typeorm';
import { DEMO_USERS } from '../demo-data';
import {
  ACCOUNT_MANAGER,
  ANALYST,
  LEAD,
  NORTHWIND_SECURITY,
  SAKURA_SECURITY,
} from './scenario-context';

/** States a person can act on now (a blocked step waits on someone else first). */
const ACTIONABLE = new Set(['open', 'stale', 'rejected']);

/** Who the banner speaks to, in the order a visitor would try them. */
const ORDER = [
  SAKURA_SECURITY,
  'it-cn@sakura.example',
  ANALYST,
  LEAD,
  ACCOUNT_MANAGER,
  NORTHWIND_SECURITY,
];

/**
 * Reads what a demo person would see, through the services their requests reach, with their
 * scope; without signing in, so a start writes no session and no audit record.
 */
class ReaderAs {
  private readonly scopes = new Map<string, AccessScope>();

  constructor(private readonly app: INestApplicationContext) {}

  async scope(email: string): Promise<AccessScope> {
    const known = this.scopes.get(email);
    if (known) return known;
    const [user] = (await this.app
      .get(DataSource)
      .query(`SELECT id FROM app_user WHERE email = $1`, [email])) as { id: string }[];
    const grant = user
      ? await this.app.get(ScopeService, { strict: false }).grantForKeyMaker(user.id)
      : null;
    if (!grant) throw new Error(`The demo person ${email} is missing`);
    const scope = AccessScope.of(grant, { ip: null, userAgent: 'demo banner' });
    this.scopes.set(email, scope);
    return scope;
  }
}

/**
 * The banner's "try first" lines: for each demo person, what waits on them now, read from the
 * portal as it stands (gates, incidents), so the words follow the data, not the other way round.
 */
export async function scenarioHints(app: INestApplicationContext): Promise<string[]> {
  const reader = new ReaderAs(app);
  const templates = app.get(TemplateRegistry, { strict: false });
  const onboardingService = app.get(OnboardingService, { strict: false });
  const gates = app.get(GateService, { strict: false });
  const incidentService = app.get(IncidentsService, { strict: false });
  const paging = { limit: 50, offset: 0 };
  const waiting = new Map<string, string[]>();
  const add = (email: string, what: string) =>
    waiting.set(email, [...(waiting.get(email) ?? []), what]);

  const onboardings = await onboardingService.list(await reader.scope(LEAD), {}, paging);
  let blockersInAll = 0;
  let overdueInAll = 0;
  for (const onboarding of onboardings.items.filter((o) => o.status !== 'active')) {
    const gate = await gates.gate(await reader.scope(LEAD), onboarding.id, 'en');
    const steps = new Map<string, (typeof gate.blockers)[number]>();
    for (const blocker of gate.blockers) steps.set(blocker.stepKey, blocker);
    blockersInAll += steps.size;
    for (const step of steps.values()) {
      if (step.overdue) overdueInAll += 1;
      if (!ACTIONABLE.has(step.state)) continue;
      // A changed or rejected plan goes back to whoever proposes it first, as the home pages show.
      const proposer =
        step.state === 'open'
          ? undefined
          : templates.step(onboarding.templateKey, onboarding.templateVersion, step.stepKey)
              ?.proposer;
      const why = [
        step.state === 'stale'
          ? 'changed since approved'
          : step.state === 'rejected'
            ? 'rejected'
            : '',
        step.overdue ? 'overdue' : '',
      ].filter(Boolean);
      const what = `${step.title}${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
      const people = proposer
        ? DEMO_USERS.filter(
            (u) => u.organisationKey === 'provider' && u.role === proposer.role,
          ).map((u) => u.email)
        : step.waitingOn.users.map((u) => u.email);
      for (const email of people) add(email, proposer ? `propose again: ${what}` : what);
    }
  }
  const started = onboardings.items.filter((o) => o.status === 'active');
  let openIncidents = 0;
  for (const onboarding of started) {
    const incidents = await incidentService.list(
      await reader.scope(ANALYST),
      onboarding.engagementId,
      {},
      paging,
    );
    for (const incident of incidents.items.filter(
      (i) => i.status !== 'closed' && i.status !== 'resolved',
    )) {
      openIncidents += 1;
      add(
        ANALYST,
        `${incident.severity} incident at ${onboarding.customerName}: ${incident.title}`,
      );
      const detail = await incidentService.get(
        await reader.scope(ANALYST),
        onboarding.engagementId,
        incident.id,
      );
      for (const action of detail.actions.filter((a) => a.status === 'awaiting_customer')) {
        add(
          NORTHWIND_SECURITY,
          `approve or decline: ${action.action.replace(/_/g, ' ')} ${action.target} (${incident.title})`,
        );
      }
    }
  }
  if (onboardings.items.length > 0) {
    add(
      ACCOUNT_MANAGER,
      `the overview: ${onboardings.items.length} customers, ${blockersInAll} blockers (${overdueInAll} overdue), ${openIncidents} open incident${openIncidents === 1 ? '' : 's'}`,
    );
  }

  const lines: string[] = [];
  for (const email of ORDER) {
    const items = waiting.get(email) ?? [];
    if (items.length === 0) continue;
    const count =
      items.length === 1 ? 'one thing waits on you' : `${items.length} things wait on you`;
    lines.push(`log in as ${email}: ${count}: ${items.join('; ')}`);
  }
  return lines;
}
