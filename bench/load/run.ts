// bench/load: a mixed workload at rising concurrency against the same app's constant endpoint.
//
// The mix, per connection in turn: eight reads (the customer's onboarding page in the portal with
// a session cookie, the service-start gate, the account manager's overview, the onboarding as
// JSON) and an approval cycle on a step (the provider proposes, the customer approves; under
// concurrency some approvals meet a step another connection just decided and answer 409, which is
// counted apart, not as an error). Connections spread over the two demo customers' onboardings:
// every change to an onboarding takes its row lock, so one onboarding's writes run one at a time.
// For each concurrency it prints throughput and p50/p95/p99 of the mix and of GET /api/ping, and
// at the end the knee: the lowest concurrency where the mix's p99 passes 100 ms.
import 'reflect-metadata';
import type autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createBenchDatabase, portalEnv, positive } from '../support/bench-database';
import { Children } from '../support/children';
import { call, expectStatus, login } from '../support/http';
import { describeLoad, LoadResult, measureLoad } from '../support/latency';
import { acceptInvitation } from './invitation';
import { portalSession } from './portal-session';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,4,16,32,64').split(',').map((n) => {
  const level = Number(n);
  if (!Number.isInteger(level) || level < 1)
    throw new Error(`BENCH_LEVELS must list whole numbers >= 1, got "${n}"`);
  return level;
});
const DURATION = positive('BENCH_SECONDS', 5);
const KNEE_MS = 100;
const APPROVAL_STEP = 'update_policy';

/** One customer's onboarding with the tokens and session that act on it. */
interface Target {
  onboardingId: string;
  /** The customer's security lead: approves, and reads the portal page. */
  customer: string;
  cookie: string;
}

interface Prepared {
  targets: Target[];
  lead: string;
  am: string;
}

const CUSTOMERS = [
  {
    name: 'Sakura Manufacturing',
    securityLead: 'security@sakura.example',
    it: 'it-jp@sakura.example',
  },
  {
    name: 'Northwind Retail',
    securityLead: 'security@northwind.example',
    it: 'it-us@northwind.example',
  },
];

/**
 * The demo has no IT staff for Northwind: Northwind's security lead invites one, who accepts the
 * invitation through the portal's set-password page with the bench's password.
 */
async function addNorthwindIt(base: string, databaseUrl: string, password: string): Promise<void> {
  const securityLead = await login(base, 'security@northwind.example', password);
  const me = (await expectStatus('GET', `${base}/api/me`, securityLead, 200)) as {
    organisation: { id: string };
  };
  const invited = (await expectStatus('POST', `${base}/api/users`, securityLead, 201, {
    email: 'it-us@northwind.example',
    displayName: 'Northwind IT',
    organisationId: me.organisation.id,
    role: 'customer_it',
    countryCode: 'US',
  })) as { id: string };
  await acceptInvitation(base, databaseUrl, invited.id, 'it-us@northwind.example', password);
}

async function prepare(base: string, databaseUrl: string, password: string): Promise<Prepared> {
  const lead = await login(base, 'lead@mdr.example', password);
  const am = await login(base, 'am@mdr.example', password);
  const engagements = (await expectStatus('GET', `${base}/api/engagements`, lead, 200)) as {
    items: { id: string; customerName: string }[];
  };
  await addNorthwindIt(base, databaseUrl, password);
  const targets: Target[] = [];
  for (const customer of CUSTOMERS) {
    const engagement = engagements.items.find((e) => e.customerName === customer.name);
    if (!engagement) throw new Error(`the demo seed has no ${customer.name} engagement`);
    const created = (await expectStatus('POST', `${base}/api/onboardings`, lead, 201, {
      engagementId: engagement.id,
      templateKey: 'edr-mdr-onboarding',
      plannedStartDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    })) as { id: string };
    // Open the approval step: its dependencies are the customer IT staff's tasks.
    const it = await login(base, customer.it, password);
    for (const key of ['endpoint_inventory', 'bandwidth_survey', 'existing_security_products']) {
      const done = await call(
        'POST',
        `${base}/api/onboardings/${created.id}/steps/${key}/complete`,
        it,
        {},
      );
      if (done.status !== 200)
        throw new Error(
          `completing ${key} for ${customer.name} answered ${done.status}: ${JSON.stringify(done.body)}`,
        );
    }
    targets.push({
      onboardingId: created.id,
      customer: await login(base, customer.securityLead, password),
      cookie: await portalSession(base, customer.securityLead, password),
    });
  }
  return { targets, lead, am };
}

/**
 * Per connection, in turn: eight reads (the customer's portal page, the gate, the overview, the
 * onboarding as JSON, twice each) and one approval cycle (propose, approve). Each connection works
 * on one customer's onboarding (chosen when it starts), as people of different customers would.
 */
function mix(p: Prepared): autocannon.Request[] {
  let next = 0;
  const targetOf = (context: { target?: Target }): Target =>
    (context.target ??= p.targets[next++ % p.targets.length]);
  const json = (token: string): Record<string, string> => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  });
  const on = (build: (t: Target) => autocannon.Request): autocannon.Request => ({
    setupRequest: (request: autocannon.Request, context: object) => ({
      ...request,
      ...build(targetOf(context as { target?: Target })),
    }),
  });
  const reads: autocannon.Request[] = [
    on((t) => ({
      method: 'GET',
      path: `/onboardings/${t.onboardingId}`,
      headers: { cookie: t.cookie },
    })),
    on((t) => ({
      method: 'GET',
      path: `/api/onboardings/${t.onboardingId}/gate`,
      headers: json(p.lead),
    })),
    { method: 'GET', path: '/api/overview?limit=20', headers: json(p.am) },
    on((t) => ({
      method: 'GET',
      path: `/api/onboardings/${t.onboardingId}`,
      headers: json(t.customer),
    })),
  ];
  return [
    ...reads,
    ...reads,
    on((t) => ({
      method: 'POST',
      path: `/api/onboardings/${t.onboardingId}/steps/${APPROVAL_STEP}/proposals`,
      headers: json(p.lead),
      body: JSON.stringify({ note: `Waves of ${randomBytes(3).toString('hex')}` }),
    })),
    on((t) => ({
      method: 'POST',
      path: `/api/onboardings/${t.onboardingId}/steps/${APPROVAL_STEP}/approve`,
      headers: json(t.customer),
      body: '{}',
    })),
  ];
}

function breakdown(r: LoadResult): string {
  return [...r.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
}

async function main(): Promise<void> {
  const children = new Children();
  const database = await createBenchDatabase('load');
  try {
    const password = randomBytes(12).toString('base64url');
    const app = await children.start(
      'portal',
      'dist/apps/api/src/main.js',
      '/api/ping',
      portalEnv(database, password),
    );
    const prepared = await prepare(app.base, database.url, password);
    const requests = mix(prepared);
    console.log(
      `bench/load: ${DURATION} s per level; mix per connection = 8 reads (portal page, gate, overview, onboarding JSON) + propose + approve, over ${prepared.targets.length} customers' onboardings; machine ${cpus().length} cores`,
    );
    let knee: number | null = null;
    for (const connections of LEVELS) {
      const ping = await measureLoad(
        { url: `${app.base}/api/ping`, connections, duration: DURATION },
        1,
      );
      const mixed = await measureLoad(
        { url: app.base, connections, duration: DURATION, requests },
        1,
      );
      const serverErrors = [...mixed.statuses]
        .filter(([s]) => s >= 500)
        .reduce((n, [, c]) => n + c, 0);
      console.log(`-- ${connections} connections (load average ${loadavg()[0].toFixed(2)})`);
      console.log(describeLoad('  GET /api/ping (constant)', ping));
      console.log(describeLoad('  mixed workload', mixed));
      console.log(
        `  ratio mixed/constant throughput ${(mixed.rps / ping.rps).toFixed(3)}; statuses ${breakdown(mixed)}; errors ${mixed.errors}`,
      );
      if (serverErrors + mixed.errors > 0)
        throw new Error(
          `${serverErrors} server errors and ${mixed.errors} failed requests at ${connections} connections`,
        );
      if (knee === null && mixed.p99 > KNEE_MS) knee = connections;
    }
    console.log(
      knee === null
        ? `knee: p99 stayed under ${KNEE_MS} ms up to ${LEVELS[LEVELS.length - 1]} connections`
        : `knee: p99 passes ${KNEE_MS} ms at ${knee} connections`,
    );
  } catch (error) {
    children.printOutputs();
    throw error;
  } finally {
    await children.stopAll();
    await database.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
