// bench/http: the app's constant endpoint (GET /api/ping, public: every global hook, guard,
// interceptor and filter runs, no handler work and no SQL) against a bare node:http server
// answering the same JSON, measured in the same run under autocannon (50 connections). Prints
// both, Node CPU and SQL statements per request, and the ratio (aim >= 0.70). A third server, a
// bare NestJS on Fastify with one route, shows which part of the gap is the framework's and
// which is ours.
//
// The portal runs in server mode against its own fresh database mdr_bench_http_<random> (dropped
// afterwards), so its statements can be counted and no embedded database shares its process.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createBenchDatabase, portalEnv, positive } from '../support/bench-database';
import { Child, Children } from '../support/children';
import { cleanupOnSignal } from '../support/cleanup-on-signal';
import { expectStatus } from '../support/http';
import { formatMs, startCostWindow, statementsPerCall } from '../support/process-cost';
import type { Client } from 'pg';

const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
const DURATION = positive('BENCH_SECONDS', 10);
const WARMUP = positive('BENCH_WARMUP_SECONDS', 2);
const PROBE_REQUESTS = 100;
// Extra node flags for the portal only, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

const children = new Children();

interface Measured {
  result: autocannon.Result;
  nodeCpuMs: number | null;
}

async function measure(
  admin: Client,
  database: string,
  child: Child,
  url: string,
): Promise<Measured> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP }); // JIT, pools
  const window = await startCostWindow(admin, database, [child.process.pid]);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  return { result, nodeCpuMs: (await window.end(result.requests.total)).nodeCpuMs };
}

function line(name: string, measured: Measured, statements: number | null): string {
  const { result } = measured;
  const l = result.latency;
  return [
    name.padEnd(22),
    `${result.requests.average.toFixed(0).padStart(8)} req/s`,
    `p50 ${l.p50} ms`,
    `p99 ${l.p99} ms`,
    `errors ${result.errors + result.non2xx}`,
    `node CPU/req ${formatMs(measured.nodeCpuMs, 3)}`,
    `SQL/req ${statements === null ? 'n/a' : statements.toFixed(1)}`,
  ].join('   ');
}

async function main(): Promise<void> {
  const database = await createBenchDatabase('http');
  const cleanup = cleanupOnSignal('http', children, database);
  let failed = false;
  try {
    const bare = await children.start('bare', 'dist/bench/http/bare-server.js', '/api/ping', {});
    const bareNest = await children.start(
      'bare nest',
      'dist/bench/http/bare-nest-server.js',
      '/api/ping',
      {},
    );
    const app = await children.start(
      'portal',
      'dist/apps/api/src/main.js',
      '/api/ping',
      { ...portalEnv(database, randomBytes(12).toString('base64url')), SEED_DEMO: 'false' },
      APP_NODE_ARGS,
    );
    const appUrl = `${app.base}/api/ping`;
    const [appStatements] = await statementsPerCall(
      database.admin,
      database.name,
      [() => expectStatus('GET', appUrl, null, 200)],
      PROBE_REQUESTS,
    );
    const bareResult = await measure(database.admin, database.name, bare, `${bare.base}/api/ping`);
    const nestResult = await measure(
      database.admin,
      database.name,
      bareNest,
      `${bareNest.base}/api/ping`,
    );
    const appResult = await measure(database.admin, database.name, app, appUrl);
    console.log(
      `bench/http: ${CONNECTIONS} connections, ${DURATION} s each after ${WARMUP} s warm-up, same machine, same run`,
    );
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at the end (other work skews req/s; CPU/req holds)`,
    );
    console.log(line('bare node:http', bareResult, null));
    console.log(line('bare NestJS + Fastify', nestResult, null));
    console.log(line('portal GET /api/ping', appResult, appStatements));
    const rate = (m: Measured): number => m.result.requests.average;
    console.log(
      `ratio app/bare: ${(rate(appResult) / rate(bareResult)).toFixed(2)} (aim >= 0.70); bare NestJS/bare: ${(rate(nestResult) / rate(bareResult)).toFixed(2)}; app/bare NestJS: ${(rate(appResult) / rate(nestResult)).toFixed(2)}`,
    );
    const bad = [bareResult, nestResult, appResult].reduce(
      (n, m) => n + m.result.errors + m.result.non2xx,
      0,
    );
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
      console.error('bench/http: cleanup failed:', error);
      if (!failed) process.exitCode = 1;
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
