// bench/overview: the account manager's overview at volume. Seeds ONBOARDINGS onboardings of
// STEPS steps each (default 10,000 × 40) into a fresh database, proves the kept progress equals the
// aggregate of the steps, then prints in one run:
//   1. the plain aggregate a page without kept progress would run (GROUP BY over every step:
//      done/required counts, earliest open due date, top 50) against GET /api/overview (the same
//      top 50 from the kept rows, through HTTP, auth and JSON), sequential medians and their ratio
//      (aim >= 7);
//   2. throughput and p50/p95/p99 under autocannon of GET /api/overview and of the portal's
//      overview page (GET /overview, signed in) against the same app's constant endpoint
//      GET /api/ping, each with its Node CPU, PostgreSQL CPU and SQL statements per request.
// Everything it creates (database, Redis keys, processes) is removed afterwards, also on failure
// (BENCH_KEEP_DATABASE=true keeps the database for EXPLAIN sessions).
import 'reflect-metadata';
import { ProgressVerification } from '@app/workflow';
import { AGREEMENT_STEP_KEYS } from '@app/agreements/workflow-link';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createBenchDatabase, portalEnv, positive } from '../support/bench-database';
import { Children } from '../support/children';
import { expectStatus, login } from '../support/http';
import { describeLoad, LoadResult, measureLoad } from '../support/latency';
import { formatMs, startCostWindow, statementsPerCall } from '../support/process-cost';
import { portalSession } from '../load/portal-session';
import { seedVolume } from './seed-volume';

const ONBOARDINGS = positive('BENCH_ONBOARDINGS', 10_000);
const STEPS = positive('BENCH_STEPS', 40);
const SAMPLES = positive('BENCH_SAMPLES', 30);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 20);
const DURATION = positive('BENCH_SECONDS', 10);
const PROBE_REQUESTS = 50;
// Extra node flags for the portal only, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

/** What a page without kept figures has to compute: every step of every visible onboarding. */
const PLAIN_AGGREGATE = `
  SELECT s.onboarding_id,
         count(*) FILTER (WHERE s.required_for_start AND s.state IN ('done', 'waived')) AS required_done,
         count(*) FILTER (WHERE s.required_for_start) AS required_total,
         min(s.due_at) FILTER (WHERE s.required_for_start AND s.state IN ('open', 'stale', 'rejected')) AS next_due_at
    FROM onboarding_step s
    JOIN onboarding o ON o.id = s.onboarding_id
    JOIN engagement_assignment a ON a.engagement_id = o.engagement_id AND a.user_id = $1
   GROUP BY s.onboarding_id
   ORDER BY next_due_at NULLS LAST, s.onboarding_id
   LIMIT 50`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function medianOf(samples: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i += 1) await work(); // plan caches, pools, JIT
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) times.push(await timed(work));
  return median(times);
}

async function main(): Promise<void> {
  const children = new Children();
  const database = await createBenchDatabase('overview');
  let failed = false;
  try {
    const password = randomBytes(12).toString('base64url');
    const app = await children.start(
      'portal',
      'dist/apps/api/src/main.js',
      '/api/ping',
      // As deployed: production mode keeps the compiled page templates instead of re-reading them.
      { ...portalEnv(database, password), NODE_ENV: 'production' },
      APP_NODE_ARGS,
    );
    const seedMs = await timed(() => seedVolume(database.url, ONBOARDINGS, STEPS));
    console.log(
      `bench/overview: seeded ${ONBOARDINGS} onboardings × ${STEPS} steps in ${(seedMs / 1000).toFixed(1)} s`,
    );

    const dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    const verification = await ProgressVerification.standalone(AGREEMENT_STEP_KEYS).mismatches(
      dataSource.manager,
    );
    await dataSource.destroy();
    if (verification.mismatches.length > 0) {
      throw new Error(
        `kept progress differs from the steps: ${JSON.stringify(verification.mismatches.slice(0, 3))}`,
      );
    }
    console.log(`kept progress equals the aggregate for all ${verification.checked} onboardings`);

    const token = await login(app.base, 'am@mdr.example', password);
    const overviewUrl = `${app.base}/api/overview?limit=50`;
    const page = (await expectStatus('GET', overviewUrl, token, 200)) as {
      total: number;
      items: unknown[];
    };
    if (page.total < ONBOARDINGS || page.items.length !== 50)
      throw new Error(`the overview shows ${page.total} onboardings, ${page.items.length} rows`);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const [{ id: amId }] = (
      await client.query(`SELECT id FROM app_user WHERE email = 'am@mdr.example'`)
    ).rows;
    const aggregateMs = await medianOf(SAMPLES, () => client.query(PLAIN_AGGREGATE, [amId]));
    await client.end();
    const endpointMs = await medianOf(SAMPLES, () => expectStatus('GET', overviewUrl, token, 200));

    console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}`);
    console.log(
      `plain aggregate over all steps (SQL only, top 50):   median ${aggregateMs.toFixed(1)} ms over ${SAMPLES} runs`,
    );
    console.log(
      `GET /api/overview (HTTP, auth, kept rows, top 50):    median ${endpointMs.toFixed(1)} ms over ${SAMPLES} runs`,
    );
    console.log(`ratio aggregate/overview: ${(aggregateMs / endpointMs).toFixed(1)}× (aim >= 7×)`);

    const cookie = await portalSession(app.base, 'am@mdr.example', password);
    const pageUrl = `${app.base}/overview?limit=50`;
    const pageAnswer = await fetch(pageUrl, { headers: { cookie } });
    if (pageAnswer.status !== 200 || !(await pageAnswer.text()).includes('chart-phase'))
      throw new Error(`the overview page answered ${pageAnswer.status}`);
    const [apiStatements, pageStatements] = await statementsPerCall(
      database.admin,
      database.name,
      [
        () => expectStatus('GET', overviewUrl, token, 200),
        async () => {
          const answer = await fetch(pageUrl, { headers: { cookie } });
          await answer.arrayBuffer();
          if (answer.status !== 200) throw new Error(`the page answered ${answer.status}`);
        },
      ],
      PROBE_REQUESTS,
    );

    /** Load after a warm-up, with the portal's Node CPU and its backends' CPU over the window. */
    const run = async (
      url: string,
      headers: Record<string, string>,
    ): Promise<LoadResult & { nodeCpuMs: number | null; pgCpuMs: number | null }> => {
      const options = { url, headers, connections: CONNECTIONS, duration: DURATION };
      await measureLoad({ ...options, duration: 2 }, 0);
      const window = await startCostWindow(database.admin, database.name, [app.process.pid]);
      const result = await measureLoad(options, 0);
      const answered = [...result.statuses.values()].reduce((n, c) => n + c, 0);
      return { ...result, ...(await window.end(answered)) };
    };
    const ping = await run(`${app.base}/api/ping`, {});
    const overview = await run(overviewUrl, { authorization: `Bearer ${token}` });
    const portalPage = await run(pageUrl, { cookie });
    const cost = (
      r: { nodeCpuMs: number | null; pgCpuMs: number | null },
      statements: number | null,
    ): string =>
      `  node CPU/req ${formatMs(r.nodeCpuMs)}  PG CPU/req ${formatMs(r.pgCpuMs)}${statements === null ? '' : `  SQL/req ${statements.toFixed(1)}`}`;
    console.log(`autocannon, ${CONNECTIONS} connections, ${DURATION} s each:`);
    console.log(describeLoad('GET /api/ping (constant)', ping) + cost(ping, null));
    console.log(
      describeLoad('GET /api/overview (top 50)', overview) + cost(overview, apiStatements),
    );
    console.log(
      describeLoad('GET /overview (portal page, top 50)', portalPage) +
        cost(portalPage, pageStatements),
    );
    console.log(`throughput overview/constant: ${(overview.rps / ping.rps).toFixed(2)}`);
    console.log(`throughput portal page/constant: ${(portalPage.rps / ping.rps).toFixed(2)}`);
    const bad = [ping, overview, portalPage].reduce(
      (n, r) =>
        n + r.errors + [...r.statuses].filter(([s]) => s >= 300).reduce((m, [, c]) => m + c, 0),
      0,
    );
    if (bad > 0) throw new Error(`${bad} requests failed: the figures above are not valid`);
  } catch (error) {
    failed = true;
    children.printOutputs();
    throw error;
  } finally {
    await children.stopAll();
    const keep = process.env.BENCH_KEEP_DATABASE === 'true';
    if (keep)
      console.log(
        `kept the database ${database.name} (BENCH_KEEP_DATABASE=true): drop it yourself`,
      );
    await (keep ? database.admin.end() : database.cleanup()).catch((error: unknown) => {
      console.error('bench/overview: cleanup failed:', error);
      if (!failed) process.exitCode = 1;
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
