// bench/gate: the portal's service-start gate (GET /api/onboardings/:id/gate, bearer-authenticated)
// for an onboarding of the standard template, against a bare node:http server answering the same
// question with one SQL query through `pg` (bare-gate-server.ts), measured in the same run under
// autocannon. Prints both and the ratio (aim >= 0.50).
//
// It creates a fresh database mdr_bench_gate_<random> on the local PostgreSQL, migrates it, starts
// the built API in server mode against it with the demo seed, drives an onboarding a few steps
// forward through the API, checks both servers give the same verdict, measures, and then stops the
// children, removes the run's Redis keys and drops the database, also when something fails.
import 'reflect-metadata';
import { runMigrations } from '@app/platform/database/run-migrations';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { Client } from 'pg';
import { SCHEMA } from '../../migrations/schema';

const ROOT = join(__dirname, '..', '..', '..');

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1`);
  return value;
}

const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
const DURATION = positive('BENCH_SECONDS', 10);
const WARMUP = positive('BENCH_WARMUP_SECONDS', 3);
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LEAD = 'lead@mdr.example';
const SAKURA_SECURITY = 'security@sakura.example';
const SAKURA_IT = 'it-jp@sakura.example';
const PROBE_REQUESTS = 100;
// Extra node flags for the portal only, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

function loopbackOnly(name: string, raw: string): URL {
  const url = new URL(raw);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`${name} must point at this machine (loopback), got ${url.hostname}`);
  }
  return url;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A deadline to race against: it never keeps the process alive by itself. */
function deadline(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A child process with the tail of its output, printed when the run fails. */
interface Child {
  name: string;
  process: ChildProcess;
  base: string;
  output: string[];
  exited: boolean;
}

const children: Child[] = [];

async function start(
  name: string,
  script: string,
  readyPath: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry: Child = {
    name,
    process: child,
    base: `http://127.0.0.1:${port}`,
    output: [],
    exited: false,
  };
  children.push(entry);
  const keep = (chunk: Buffer): void => {
    entry.output.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
    if (entry.output.length > 60) entry.output.splice(0, entry.output.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => {
    entry.exited = true;
  });
  for (let i = 0; i < 600; i += 1) {
    if (entry.exited) throw new Error(`${name} exited during start-up`);
    try {
      if ((await fetch(`${entry.base}${readyPath}`, { signal: AbortSignal.timeout(2000) })).ok)
        return entry;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not start within 120 s`);
}

async function stop(child: Child): Promise<void> {
  if (child.exited) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  await Promise.race([exited, deadline(5000)]);
  if (!child.exited) {
    child.process.kill('SIGKILL');
    await Promise.race([exited, deadline(2000)]);
  }
}

interface HttpAnswer {
  status: number;
  body: unknown;
}

async function call(
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

async function expectStatus(
  method: string,
  url: string,
  token: string | null,
  status: number,
  body?: unknown,
): Promise<unknown> {
  const answer = await call(method, url, token, body);
  if (answer.status !== status) {
    throw new Error(
      `${method} ${url} answered ${answer.status}, expected ${status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
  }
  return answer.body;
}

interface Blocker {
  stepKey: string;
  state: string;
  overdue: boolean;
}

function blockersOf(body: unknown): Blocker[] {
  const blockers = (body as { blockers?: unknown } | null)?.blockers;
  if (!Array.isArray(blockers))
    throw new Error(`not a gate verdict: ${JSON.stringify(body).slice(0, 300)}`);
  return blockers as Blocker[];
}

/** Drives a Sakura onboarding of the standard template a few steps forward, as the right people. */
async function prepareOnboarding(
  api: string,
  password: string,
): Promise<{ id: string; leadToken: string; leadOrgId: string }> {
  const login = async (email: string): Promise<string> =>
    (
      (await expectStatus('POST', `${api}/api/auth/login`, null, 200, { email, password })) as {
        accessToken: string;
      }
    ).accessToken;
  const lead = await login(LEAD);
  const security = await login(SAKURA_SECURITY);
  const it = await login(SAKURA_IT);
  const me = (await expectStatus('GET', `${api}/api/me`, lead, 200)) as {
    organisation: { id: string } | null;
  };
  if (!me.organisation) throw new Error(`${LEAD} has no organisation`);
  const engagements = (await expectStatus('GET', `${api}/api/engagements`, lead, 200)) as {
    items: { id: string; customerName: string }[];
  };
  const sakura = engagements.items.find((e) => e.customerName === 'Sakura Manufacturing');
  if (!sakura) throw new Error('the demo seed has no Sakura engagement');
  // Start in 40 days: the earliest steps (due 75 to 45 days before the start) are overdue already.
  const plannedStartDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const created = (await expectStatus('POST', `${api}/api/onboardings`, lead, 201, {
    engagementId: sakura.id,
    templateKey: 'edr-mdr-onboarding',
    plannedStartDate,
  })) as { id: string };
  const step = (key: string, action: string): string =>
    `${api}/api/onboardings/${created.id}/steps/${key}/${action}`;
  // The requirements stay open, so the provider-requirements check waits (blocked) and the
  // gate evaluates no catalogue: the question both servers answer is the steps alone.
  await expectStatus('POST', step('endpoint_inventory', 'complete'), it, 200, {});
  await expectStatus('POST', step('bandwidth_survey', 'complete'), it, 200, {});
  await expectStatus('POST', step('existing_security_products', 'complete'), it, 200, {});
  await expectStatus('POST', step('update_policy', 'proposals'), lead, 201, {
    content: { text: 'Automatic updates, 500 at once' },
  });
  await expectStatus('POST', step('update_policy', 'reject'), security, 200, {
    reason: 'Too many concurrent updates for the Osaka link',
  });
  return { id: created.id, leadToken: lead, leadOrgId: me.organisation.id };
}

/** Same status, same verdict: the bare server must answer the same question before it is measured. */
async function verify(appUrl: string, bareUrl: string, token: string): Promise<Blocker[]> {
  const app = await call('GET', appUrl, token);
  const bare = await call('GET', bareUrl, token);
  if (app.status !== 200 || bare.status !== 200) {
    throw new Error(
      `both must answer 200: app ${app.status} ${JSON.stringify(app.body).slice(0, 300)}, bare ${bare.status}`,
    );
  }
  const appKeys = blockersOf(app.body)
    .map((b) => b.stepKey)
    .sort();
  const bareKeys = blockersOf(bare.body)
    .map((b) => b.stepKey)
    .sort();
  if (!isDeepStrictEqual(appKeys, bareKeys)) {
    throw new Error(
      `the blocker step keys differ:\n  app  ${appKeys.join(', ')}\n  bare ${bareKeys.join(', ')}`,
    );
  }
  // The verdicts are computed a few ms apart; overdue flags cannot flip at day-granular due dates.
  if (!isDeepStrictEqual(app.body, bare.body)) {
    throw new Error(
      `the verdicts differ:\n  app  ${JSON.stringify(app.body)}\n  bare ${JSON.stringify(bare.body)}`,
    );
  }
  if (
    (await call('GET', bareUrl, null)).status !== 401 ||
    (await call('GET', appUrl, null)).status !== 401
  ) {
    throw new Error('both must refuse a request without a bearer token');
  }
  return blockersOf(app.body);
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is none. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return null;
  }
}

/** CPU time of the bench database's PostgreSQL backends (local server, so /proc shows them). */
async function backendsCpu(admin: Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
    [database],
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = cpuMs(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** Committed transactions of the bench database: each autocommit statement of either server is one. */
async function commits(admin: Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * SQL round trips per request of each server, from pg_stat_database over sequential requests.
 * A busy backend publishes its counters at most once a second and an idle one after 10 s
 * (PGSTAT_IDLE_INTERVAL), hence the waits.
 */
async function statementsPerRequest(
  admin: Client,
  database: string,
  urls: string[],
  token: string,
): Promise<number[]> {
  const settle = (): Promise<void> => sleep(11_000);
  await settle();
  let before = await commits(admin, database);
  const perRequest: number[] = [];
  for (const url of urls) {
    for (let i = 0; i < PROBE_REQUESTS; i += 1) await expectStatus('GET', url, token, 200);
    await settle();
    const after = await commits(admin, database);
    perRequest.push((after - before) / PROBE_REQUESTS); // the admin connection is on another database
    before = after;
  }
  return perRequest;
}

interface Measured {
  result: autocannon.Result;
  /** CPU per request of the server process, and of the PostgreSQL backends serving it. */
  nodeCpuMs: number | null;
  pgCpuMs: number | null;
}

async function measure(
  admin: Client,
  database: string,
  child: Child,
  url: string,
  token: string,
): Promise<Measured> {
  const headers = { authorization: `Bearer ${token}` };
  await autocannon({ url, headers, connections: CONNECTIONS, duration: WARMUP }); // JIT, pools, plan caches
  const nodeBefore = cpuMs(child.process.pid);
  const pgBefore = await backendsCpu(admin, database);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  const nodeAfter = cpuMs(child.process.pid);
  const pgAfter = await backendsCpu(admin, database);
  const n = result.requests.total;
  // Backends opened during the run count from zero; ones closed during it are missed (the pools
  // are full after the warm-up, so neither should happen).
  let pg = 0;
  for (const [pid, ms] of pgAfter) pg += ms - (pgBefore.get(pid) ?? 0);
  return {
    result,
    nodeCpuMs:
      nodeBefore !== null && nodeAfter !== null && n > 0 ? (nodeAfter - nodeBefore) / n : null,
    pgCpuMs: pgAfter.size > 0 && n > 0 ? pg / n : null,
  };
}

const COLUMNS = [
  'req/s',
  'p50',
  'p99',
  'errors',
  'non-2xx',
  'node CPU/req',
  'PG CPU/req',
  'SQL/req',
];
const WIDTHS = [7, 8, 8, 7, 8, 13, 11, 8];
const NAME_WIDTH = 40;

function row(name: string, cells: string[]): string {
  return name.padEnd(NAME_WIDTH) + cells.map((c, i) => c.padStart(WIDTHS[i])).join('');
}

function line(name: string, measured: Measured, statements: number): string {
  const { result } = measured;
  const ms = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(2)} ms`);
  return row(name, [
    result.requests.average.toFixed(0),
    `${result.latency.p50} ms`,
    `${result.latency.p99} ms`,
    String(result.errors),
    String(result.non2xx),
    ms(measured.nodeCpuMs),
    ms(measured.pgCpuMs),
    statements.toFixed(1),
  ]);
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    for (let i = 0; i < 10_000; i += 1) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const adminUrl = loopbackOnly('BENCH_PG_URL', ADMIN_URL);
  loopbackOnly('BENCH_REDIS_URL', REDIS_URL);
  const suffix = randomBytes(6).toString('hex');
  const database = `mdr_bench_gate_${suffix}`;
  const queuePrefix = `bench-gate-${suffix}`;
  const databaseUrl = new URL(adminUrl.href);
  databaseUrl.pathname = `/${database}`;
  const admin = new Client({ connectionString: adminUrl.href });
  await admin.connect();
  let created = false;
  let cleaning: Promise<void> | null = null;
  const cleanup = (): Promise<void> => {
    cleaning ??= (async () => {
      await Promise.all(children.map(stop));
      await dropRedisKeys(queuePrefix).catch((error: unknown) =>
        console.error('bench/gate: could not clear Redis keys:', error),
      );
      if (created) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    })();
    return cleaning;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`bench/gate: ${signal}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let failed = false;
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
    created = true;
    await runMigrations(databaseUrl.href, SCHEMA);
    const password = randomBytes(12).toString('base64url');
    const app = await start(
      'portal',
      'dist/apps/api/src/main.js',
      '/api/ping',
      {
        DATABASE_URL: databaseUrl.href,
        REDIS_URL,
        JWT_SECRET: randomBytes(32).toString('base64url'),
        SESSION_SECRET: randomBytes(32).toString('base64url'),
        JWT_TTL_SECONDS: '3600',
        QUEUE_PREFIX: queuePrefix,
        SEED_DEMO: 'true',
        DEMO_PASSWORD: password,
        LOG_LEVEL: 'warn',
      },
      APP_NODE_ARGS,
    );
    const { id, leadToken, leadOrgId } = await prepareOnboarding(app.base, password);
    const bare = await start('bare', 'dist/bench/gate/bare-gate-server.js', '/ping', {
      DATABASE_URL: databaseUrl.href,
      BENCH_SCOPE_ORG_ID: leadOrgId,
    });
    const appUrl = `${app.base}/api/onboardings/${id}/gate`;
    const bareUrl = `${bare.base}/gate/${id}`;
    const blockers = await verify(appUrl, bareUrl, leadToken);
    const states = new Map<string, number>();
    for (const b of blockers) states.set(b.state, (states.get(b.state) ?? 0) + 1);
    const mix = [...states].map(([state, n]) => `${n} ${state}`).join(', ');
    const overdue = blockers.filter((b) => b.overdue).length;

    const [bareStatements, appStatements] = await statementsPerRequest(
      admin,
      database,
      [bareUrl, appUrl],
      leadToken,
    );
    const bareResult = await measure(admin, database, bare, bareUrl, leadToken);
    const appResult = await measure(admin, database, app, appUrl, leadToken);

    console.log(
      `bench/gate: ${CONNECTIONS} connections, ${DURATION} s each after ${WARMUP} s warm-up, same machine, same run`,
    );
    console.log(
      `onboarding of edr-mdr-onboarding: ${blockers.length} blockers (${mix}; ${overdue} overdue), verdicts identical`,
    );
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at the end (other work skews both figures)`,
    );
    console.log(row('', COLUMNS));
    console.log(line('bare node:http + pg GET /gate/:id', bareResult, bareStatements));
    console.log(line('portal GET /api/onboardings/:id/gate', appResult, appStatements));
    const ratio = appResult.result.requests.average / bareResult.result.requests.average;
    console.log(`ratio app/bare: ${ratio.toFixed(2)} (aim >= 0.50)`);
    const bad = [bareResult, appResult].reduce((n, m) => n + m.result.errors + m.result.non2xx, 0);
    if (bad > 0)
      throw new Error(
        `${bad} requests failed or answered non-2xx: the figures above are not valid`,
      );
  } catch (error: unknown) {
    failed = true;
    for (const child of children) {
      if (child.output.length > 0)
        console.error(`--- last output of ${child.name} ---\n${child.output.join('\n')}`);
    }
    throw error;
  } finally {
    await cleanup().catch((error: unknown) => {
      console.error('bench/gate: cleanup failed:', error);
      if (!failed) process.exitCode = 1;
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
