// bench/load: a mixed workload at rising concurrency against the same app's constant endpoint.
//
// The mix, per connection in turn: eight reads (the customer's onboarding page in the portal with
// a session cookie, the service-start gate, the account manager's overview, the onboarding as
// JSON) and an approval cycle on a step (the provider lead changes a group's update policy, which
// the step snapshots, so each proposal is new content; the provider proposes, the customer
// approves; under concurrency some approvals meet a step another connection just decided and
// answer 409, which is counted apart by error code, not as an error). Connections spread over the two demo customers' onboardings:
// every change to an onboarding takes its row lock, so one onboarding's writes run one at a time.
// For each concurrency it prints throughput and p50/p95/p99 of the mix and of GET /api/ping, the
// mix's Node CPU and SQL statements per request, and at the end the knee (the lowest concurrency
// where the mix's p99 passes 100 ms) and the aim at 16 connections. Before the load it prints each
// request kind's SQL statements and transactions. BENCH_API_PROCESSES=2 runs two API processes
// over the same database and Redis with the connections shared out; every run ends by checking
// that each write answered 2xx is recorded exactly once and no mail is written twice.
import 'reflect-metadata';
import type autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { BenchDatabase, createBenchDatabase, portalEnv, positive } from '../support/bench-database';
import { Child, Children, ROOT, sleep } from '../support/children';
import { call, expectStatus, login } from '../support/http';
import { describeLoad, LoadResult } from '../support/latency';
import { cpuMs, formatMs, startCostWindow, statementsPerCall } from '../support/process-cost';
import { acceptInvitation } from './invitation';
import { portalSession } from './portal-session';
import { measureSpread } from './spread-load';
import {
  AnsweredWrites,
  countWrites,
  duplicatedMails,
  mismatches,
  noWrites,
  proposalsNotOnce,
} from './write-ledger';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,4,16,32,64').split(',').map((n) => {
  const level = Number(n);
  if (!Number.isInteger(level) || level < 1)
    throw new Error(`BENCH_LEVELS must list whole numbers >= 1, got "${n}"`);
  return level;
});
const DURATION = positive('BENCH_SECONDS', 5);
const KNEE_MS = 100;
const APPROVAL_STEP = 'update_policy';
/** The aim (issue 20): mix/constant throughput at 16 connections, with the mix's p99 under KNEE_MS. */
const AIM_CONNECTIONS = 16;
const AIM_RATIO = 0.03;
/** API processes over the same database and Redis; the connections are shared out between them. */
const PROCESSES = positive('BENCH_API_PROCESSES', 1);
const PROBE_ROUNDS = positive('BENCH_PROBE_ROUNDS', 20);
/** Time for the transactions of the last answered writes to be visible to another connection. */
const SETTLE_MS = 200;
// Extra node flags for the API processes, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

/** One customer's onboarding with the tokens and session that act on it. */
interface Target {
  onboardingId: string;
  /** The customer's security lead: approves, and reads the portal page. */
  customer: string;
  cookie: string;
  /** The engagement's endpoint group whose update policy the mix changes before each proposal. */
  engagementId: string;
  groupId: string;
  policy: { mode: string; quarantine: boolean; updates: string };
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

/**
 * The group whose update policy each approval cycle changes: `update_policy` snapshots every
 * group's updates and concurrency, so a changed policy makes the next proposal new content (a
 * proposal of unchanged content would only be approved once). The engagement's first group, or
 * one made for the bench when it has none.
 */
async function policyGroup(
  base: string,
  lead: string,
  engagementId: string,
): Promise<Pick<Target, 'groupId' | 'policy'>> {
  const listed = (await expectStatus(
    'GET',
    `${base}/api/engagements/${engagementId}/groups`,
    lead,
    200,
  )) as { groups: { id: string; policy: Target['policy'] }[] };
  const group =
    listed.groups[0] ??
    ((await expectStatus('POST', `${base}/api/engagements/${engagementId}/groups`, lead, 201, {
      name: 'Bench update policy',
      kind: 'production',
      priority: 9000,
      hostnames: [],
    })) as { id: string; policy: Target['policy'] });
  const { mode, quarantine, updates } = group.policy;
  return { groupId: group.id, policy: { mode, quarantine, updates } };
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
      engagementId: engagement.id,
      ...(await policyGroup(base, lead, engagement.id)),
      customer: await login(base, customer.securityLead, password),
      cookie: await portalSession(base, customer.securityLead, password),
    });
  }
  return { targets, lead, am };
}

/** One request of the mix, built for the connection's customer. */
interface MixRequest {
  name: string;
  build(t: Target): {
    method: 'GET' | 'POST' | 'PUT';
    path: string;
    headers: Record<string, string>;
    body?: string;
  };
  /** Tallied when it answers 2xx (the writes, checked against the database afterwards). */
  tally?: 'approvals' | 'proposals';
}

/** Each policy change sets a concurrency no earlier change of the run set (1..100000). */
let policyChanges = 0;
const nextConcurrency = (): number => 1 + (policyChanges++ % 100_000);

/**
 * Per connection, in turn: eight reads (the customer's portal page, the gate, the overview, the
 * onboarding as JSON, twice each) and one approval cycle (propose, approve). Each connection works
 * on one customer's onboarding (chosen when it starts), as people of different customers would.
 */
function mixRequests(p: Prepared): {
  reads: MixRequest[];
  cycle: MixRequest[];
  round: MixRequest[];
} {
  const json = (token: string): Record<string, string> => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  });
  const reads: MixRequest[] = [
    {
      name: 'portal onboarding page',
      build: (t) => ({
        method: 'GET',
        path: `/onboardings/${t.onboardingId}`,
        headers: { cookie: t.cookie },
      }),
    },
    {
      name: 'gate',
      build: (t) => ({
        method: 'GET',
        path: `/api/onboardings/${t.onboardingId}/gate`,
        headers: json(p.lead),
      }),
    },
    {
      name: 'overview',
      build: () => ({ method: 'GET', path: '/api/overview?limit=20', headers: json(p.am) }),
    },
    {
      name: 'onboarding JSON',
      build: (t) => ({
        method: 'GET',
        path: `/api/onboardings/${t.onboardingId}`,
        headers: json(t.customer),
      }),
    },
  ];
  const cycle: MixRequest[] = [
    {
      // The provider lead changes what update_policy snapshots, so the proposal is new content.
      name: 'change update policy',
      build: (t) => ({
        method: 'PUT',
        path: `/api/engagements/${t.engagementId}/groups/${t.groupId}/policy`,
        headers: json(p.lead),
        body: JSON.stringify({ ...t.policy, maxConcurrentUpdates: nextConcurrency() }),
      }),
    },
    {
      name: 'propose',
      tally: 'proposals',
      build: (t) => ({
        method: 'POST',
        path: `/api/onboardings/${t.onboardingId}/steps/${APPROVAL_STEP}/proposals`,
        headers: json(p.lead),
        body: JSON.stringify({ note: `Waves of ${randomBytes(8).toString('hex')}` }),
      }),
    },
    {
      name: 'approve',
      tally: 'approvals',
      build: (t) => ({
        method: 'POST',
        path: `/api/onboardings/${t.onboardingId}/steps/${APPROVAL_STEP}/approve`,
        headers: json(t.customer),
        body: '{}',
      }),
    },
  ];
  return { reads, cycle, round: [...reads, ...reads, ...cycle] };
}

/** Requests per mix round: 8 reads, the policy change, the proposal and the approval. */
const ROUND_LENGTH = 11;

/** Approvals answered 409, by error code: races with another connection's cycle, counted apart. */
type Conflicts = Map<string, number>;

function conflictCode(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** Per connection: its customer, the note of the proposal it sent last, when it sent its request. */
interface Connection {
  target?: Target;
  note?: string;
  sentAt?: number;
}

/**
 * Milliseconds from building a request (autocannon builds it as it sends it, one at a time per
 * connection) to its answer, by request kind: whether the p99 is the writes waiting for the
 * onboarding's lock (only the writes slow) or the process's CPU (every kind slow).
 */
type KindLatencies = Map<string, number[]>;

function describeKinds(kinds: KindLatencies): string[] {
  const at = (sorted: number[], q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return [...kinds].map(([name, times]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return `    ${name.padEnd(26)} n ${String(sorted.length).padStart(4)}  p50 ${at(sorted, 0.5).toFixed(0).padStart(5)} ms  p99 ${at(sorted, 0.99).toFixed(0).padStart(5)} ms`;
  });
}

/** The mix for autocannon; its writes are tallied into `writes` while `tallying.on`. */
function mix(
  p: Prepared,
  writes: AnsweredWrites,
  tallying: { on: boolean },
  conflicts: Conflicts,
  kinds: KindLatencies,
): autocannon.Request[] {
  let next = 0;
  const targetOf = (context: Connection): Target =>
    (context.target ??= p.targets[next++ % p.targets.length]);
  return mixRequests(p).round.map((r) => ({
    setupRequest: (request: autocannon.Request, context: object) => {
      const connection = context as Connection;
      connection.sentAt = performance.now();
      const built = r.build(targetOf(connection));
      if (r.tally && tallying.on) writes.sent[r.tally] += 1;
      if (r.tally === 'proposals' && built.body)
        connection.note = (JSON.parse(built.body) as { note: string }).note;
      return { ...request, ...built };
    },
    onResponse: (status: number, body: string, context: object) => {
      const connection = context as Connection;
      if (connection.sentAt !== undefined) {
        const times = kinds.get(r.name) ?? [];
        times.push(performance.now() - connection.sentAt);
        kinds.set(r.name, times);
      }
      if (!r.tally) return;
      if (tallying.on && status === 409 && r.tally === 'approvals') {
        const code = conflictCode(body);
        conflicts.set(code, (conflicts.get(code) ?? 0) + 1);
      }
      if (!tallying.on || status < 200 || status >= 300) return;
      if (r.tally === 'proposals') {
        writes.proposals += 1;
        if (connection.note) writes.notes.push(connection.note);
      } else {
        writes.approvals += 1;
        const { version } = JSON.parse(body) as { version: number };
        writes.approvedVersions.push(`${connection.target?.onboardingId}@${version}`);
      }
    },
  }));
}

/** Sends one request of the mix as the bench's set-up does (for the per-request costs). */
async function send(base: string, r: MixRequest, t: Target): Promise<number> {
  const { method, path, headers, body } = r.build(t);
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  if (response.status >= 500) throw new Error(`${method} ${path} answered ${response.status}`);
  return response.status;
}

function breakdown(r: LoadResult): string {
  return [...r.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
}

/** The statements the API processes have sent so far: each writes its counter's file on SIGUSR2. */
async function statementsSent(apps: readonly Counted[]): Promise<number> {
  let total = 0;
  for (const { child, file } of apps) {
    await rm(file, { force: true });
    child.process.kill('SIGUSR2');
    for (let i = 0; !existsSync(file); i += 1) {
      if (i > 500) throw new Error(`${child.name} did not write its statement count`);
      await sleep(10);
    }
    await sleep(10); // written whole: the count is a few bytes in one write
    total += Number(readFileSync(file, 'utf8'));
  }
  return total;
}

/** An API process with its statement counter's file. */
interface Counted {
  child: Child;
  file: string;
}

interface Probe {
  name: string;
  requests: MixRequest[];
}

/**
 * Per request of each kind (and per mix round): SQL statements sent (counted in the API process)
 * and SQL transactions committed (pg_stat_database, as every bench counts them), sequentially on
 * the first customer's onboarding.
 */
async function costsPerRequest(
  base: string,
  database: BenchDatabase,
  apps: readonly Counted[],
  p: Prepared,
): Promise<string[]> {
  const { reads, cycle, round } = mixRequests(p);
  const probes: Probe[] = [
    ...reads.map((r) => ({ name: r.name, requests: [r] })),
    // Not in the mix: the shared cost every portal page pays (session, viewer, layout) alone.
    {
      name: 'portal simple page',
      requests: [
        {
          name: 'portal simple page',
          build: (t) => ({
            method: 'GET',
            path: '/account/notifications',
            headers: { cookie: t.cookie },
          }),
        },
      ],
    },
    { name: 'change update policy', requests: [cycle[0]] },
    { name: 'policy + propose + approve', requests: cycle },
    { name: `mix round (${round.length} requests)`, requests: round },
  ];
  const target = p.targets[0];
  const run = async (probe: Probe): Promise<void> => {
    for (const r of probe.requests) await send(base, r, target);
  };
  const statements: number[] = [];
  const cpu: (number | null)[] = [];
  const pid = apps[0].child.process.pid;
  for (const probe of probes) {
    await run(probe); // warm
    const before = await statementsSent(apps);
    const cpuBefore = cpuMs(pid);
    for (let i = 0; i < PROBE_ROUNDS; i += 1) await run(probe);
    const cpuAfter = cpuMs(pid);
    statements.push(((await statementsSent(apps)) - before) / PROBE_ROUNDS);
    cpu.push(
      cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / PROBE_ROUNDS,
    );
  }
  const transactions = await statementsPerCall(
    database.admin,
    database.name,
    probes.map((probe) => () => run(probe)),
    PROBE_ROUNDS,
  );
  return probes.map(
    (probe, i) =>
      `  ${probe.name.padEnd(28)}${formatMs(cpu[i]).padStart(10)} node CPU${statements[i].toFixed(1).padStart(7)} SQL statements${transactions[i].toFixed(1).padStart(7)} transactions`,
  );
}

async function main(): Promise<void> {
  const children = new Children();
  const database = await createBenchDatabase('load');
  const counters = await mkdtemp(join(tmpdir(), 'bench-load-'));
  let db: Client | null = null;
  try {
    const password = randomBytes(12).toString('base64url');
    // One environment for all: the same database, Redis and secrets (a token of one is good at
    // all). In production mode, as deployed: outside it every page re-reads and recompiles its
    // templates (so edits show without a restart), which is not the cost a customer's page has.
    const env = { ...portalEnv(database, password), NODE_ENV: 'production' };
    const apps: Counted[] = [];
    for (let i = 0; i < PROCESSES; i += 1) {
      const file = join(counters, `statements-${i + 1}`);
      apps.push({
        file,
        child: await children.start(
          PROCESSES === 1 ? 'portal' : `portal ${i + 1}`,
          'dist/apps/api/src/main.js',
          '/api/ping',
          {
            ...env,
            BENCH_STATEMENT_COUNT_FILE: file,
            ...(process.env.BENCH_STATEMENT_LOG
              ? { BENCH_STATEMENT_LOG: `${process.env.BENCH_STATEMENT_LOG}.${i + 1}` }
              : {}),
          },
          ['--require', join(ROOT, 'dist/bench/load/statement-counter.js'), ...APP_NODE_ARGS],
        ),
      });
    }
    const bases = apps.map((a) => a.child.base);
    const prepared = await prepare(bases[0], database.url, password);
    console.log(
      `bench/load: ${DURATION} s per level; mix per connection = 8 reads (portal page, gate, overview, onboarding JSON) + policy change + propose + approve, over ${prepared.targets.length} customers' onboardings; ${PROCESSES} API process${PROCESSES === 1 ? '' : 'es'} (connections shared out); machine ${cpus().length} cores`,
    );
    console.log(
      `cost per request, ${PROBE_ROUNDS} sequential calls each (node CPU in 10 ms ticks):`,
    );
    for (const line of await costsPerRequest(bases[0], database, apps, prepared)) console.log(line);

    db = new Client({ connectionString: database.url });
    await db.connect();
    const onboardingIds = prepared.targets.map((t) => t.onboardingId);
    const answered = noWrites();
    const tallying = { on: true };
    const conflicts: Conflicts = new Map();
    const kinds: KindLatencies = new Map();
    const requests = mix(prepared, answered, tallying, conflicts, kinds);
    const writesBefore = await countWrites(db, onboardingIds, APPROVAL_STEP);
    const mailsBefore = await duplicatedMails(db);
    const pids = apps.map((a) => a.child.process.pid);
    let knee: number | null = null;
    let atAim: { ratio: number; p99: number } | null = null;
    for (const connections of LEVELS) {
      const ping = await measureSpread(bases, '/api/ping', connections, { duration: DURATION }, 1);
      await measureSpread(bases, '', connections, { duration: 1, requests }, 0); // warm-up
      kinds.clear();
      const window = await startCostWindow(database.admin, database.name, pids);
      const sentBefore = await statementsSent(apps);
      const mixed = await measureSpread(
        bases,
        '',
        connections,
        { duration: DURATION, requests },
        0,
      );
      const sent = (await statementsSent(apps)) - sentBefore;
      const cost = await window.end(mixed.responses);
      const serverErrors = [...mixed.statuses]
        .filter(([s]) => s >= 500)
        .reduce((n, [, c]) => n + c, 0);
      const ratio = mixed.rps / ping.rps;
      console.log(`-- ${connections} connections (load average ${loadavg()[0].toFixed(2)})`);
      console.log(describeLoad('  GET /api/ping (constant)', ping));
      console.log(describeLoad('  mixed workload', mixed));
      console.log(
        `  ratio mixed/constant throughput ${ratio.toFixed(3)}; statuses ${breakdown(mixed)}; errors ${mixed.errors}`,
      );
      console.log(
        `  latency by request kind (from sending to the answer):\n${describeKinds(kinds).join('\n')}`,
      );
      console.log(
        `  mix cost per request: node CPU ${formatMs(cost.nodeCpuMs)}, PG CPU ${formatMs(cost.pgCpuMs)}, ${(sent / mixed.responses).toFixed(1)} SQL statements; per mix round (${ROUND_LENGTH} requests): node CPU ${formatMs(cost.nodeCpuMs === null ? null : cost.nodeCpuMs * ROUND_LENGTH)}`,
      );
      if (serverErrors + mixed.errors > 0)
        throw new Error(
          `${serverErrors} server errors and ${mixed.errors} failed requests at ${connections} connections`,
        );
      if (knee === null && mixed.p99 > KNEE_MS) knee = connections;
      if (connections === AIM_CONNECTIONS) atAim = { ratio, p99: mixed.p99 };
    }
    tallying.on = false;
    console.log(
      knee === null
        ? `knee: p99 stayed under ${KNEE_MS} ms up to ${LEVELS[LEVELS.length - 1]} connections`
        : `knee: p99 passes ${KNEE_MS} ms at ${knee} connections`,
    );
    console.log(
      atAim === null
        ? `aim (at ${AIM_CONNECTIONS} connections): not measured, BENCH_LEVELS has no ${AIM_CONNECTIONS}`
        : `aim at ${AIM_CONNECTIONS} connections: ratio mix/constant ${atAim.ratio.toFixed(3)} (aim >= ${AIM_RATIO}), mix p99 ${atAim.p99.toFixed(0)} ms (aim < ${KNEE_MS} ms): ${atAim.ratio >= AIM_RATIO && atAim.p99 < KNEE_MS ? 'met' : 'not met'}`,
    );
    // Writes answered 2xx against what the database holds: nothing lost, nothing doubled.
    await sleep(SETTLE_MS);
    const lost = mismatches(
      writesBefore,
      await countWrites(db, onboardingIds, APPROVAL_STEP),
      answered,
      await proposalsNotOnce(db, onboardingIds, answered.notes),
    );
    const doubledMails = (await duplicatedMails(db)) - mailsBefore;
    console.log(
      `writes over ${PROCESSES} API process${PROCESSES === 1 ? '' : 'es'}: ${answered.approvals} approvals and ${answered.proposals} proposals answered 2xx; ` +
        (lost.length === 0
          ? 'each recorded exactly once (history event, audit record, stored version), none twice'
          : `MISMATCH: ${lost.join('; ')}`) +
        `; outbox mails written twice: ${doubledMails}`,
    );
    console.log(
      `approvals answered 409 (a race with another connection's cycle on the same step): ${
        [...conflicts].map(([code, n]) => `${code}×${n}`).join(' ') || 'none'
      }`,
    );
    if (lost.length > 0 || doubledMails > 0)
      throw new Error('writes were lost or doubled: the figures above are not valid');
  } catch (error) {
    children.printOutputs();
    throw error;
  } finally {
    await db?.end();
    await children.stopAll();
    await database.cleanup();
    await rm(counters, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
