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
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { createBenchDatabase, portalEnv, positive } from '../support/bench-database';
import { Child, Children } from '../support/children';
import { cleanupOnSignal } from '../support/cleanup-on-signal';
import { call, expectStatus } from '../support/http';
import { formatMs, startCostWindow, statementsPerCall } from '../support/process-cost';

const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
const DURATION = positive('BENCH_SECONDS', 10);
const WARMUP = positive('BENCH_WARMUP_SECONDS', 3);
const LEAD = 'lead@mdr.example';
const SAKURA_SECURITY = 'security@sakura.example';
const SAKURA_IT = 'it-jp@sakura.example';
const PROBE_REQUESTS = 100;
// Extra node flags for the portal only, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

const children = new Children();

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
    note: 'Automatic updates, 500 at once',
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
  // The pools are full after the warm-up, so no backend opens or closes during the window.
  const window = await startCostWindow(admin, database, [child.process.pid]);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  return { result, ...(await window.end(result.requests.total)) };
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
  return row(name, [
    result.requests.average.toFixed(0),
    `${result.latency.p50} ms`,
    `${result.latency.p99} ms`,
    String(result.errors),
    String(result.non2xx),
    formatMs(measured.nodeCpuMs),
    formatMs(measured.pgCpuMs),
    statements.toFixed(1),
  ]);
}

async function main(): Promise<void> {
  const database = await createBenchDatabase('gate');
  const admin = database.admin;
  const cleanup = cleanupOnSignal('gate', children, database);
  let failed = false;
  try {
    const password = randomBytes(12).toString('base64url');
    const app = await children.start(
      'portal',
      'dist/apps/api/src/main.js',
      '/api/ping',
      portalEnv(database, password),
      APP_NODE_ARGS,
    );
    const { id, leadToken, leadOrgId } = await prepareOnboarding(app.base, password);
    const bare = await children.start('bare', 'dist/bench/gate/bare-gate-server.js', '/ping', {
      DATABASE_URL: database.url,
      BENCH_SCOPE_ORG_ID: leadOrgId,
    });
    const appUrl = `${app.base}/api/onboardings/${id}/gate`;
    const bareUrl = `${bare.base}/gate/${id}`;
    const blockers = await verify(appUrl, bareUrl, leadToken);
    const states = new Map<string, number>();
    for (const b of blockers) states.set(b.state, (states.get(b.state) ?? 0) + 1);
    const mix = [...states].map(([state, n]) => `${n} ${state}`).join(', ');
    const overdue = blockers.filter((b) => b.overdue).length;

    const [bareStatements, appStatements] = await statementsPerCall(
      admin,
      database.name,
      [bareUrl, appUrl].map((url) => () => expectStatus('GET', url, leadToken, 200)),
      PROBE_REQUESTS,
    );
    const bareResult = await measure(admin, database.name, bare, bareUrl, leadToken);
    const appResult = await measure(admin, database.name, app, appUrl, leadToken);

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
    children.printOutputs();
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
