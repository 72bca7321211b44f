// bench/audit-chains: what the per-engagement audit chains buy. BENCH_WRITERS (16) writers, each
// for a different engagement, run BENCH_TRANSACTIONS (150) transactions each, as a state change
// does: update the engagement's row, append the audit record (last, as AuditService asks), commit.
// Once with the frozen global writer (one chain, one advisory lock held until commit:
// baseline-global-chain.ts) and once with AuditService (a chain per engagement, its head row the
// lock), BENCH_ROUNDS (3) rounds interleaved; prints records per second, p50/p95/p99 latency per
// transaction and the ratio. A last case has every writer on ONE engagement with per-engagement
// chains: the same serialisation as the global lock (one chain is still one chain).
import 'reflect-metadata';
import { AuditService, verifyAuditChains } from '@app/audit';
import { buildDataSourceOptions, Clock } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../../migrations/schema';
import { BenchDatabase, createBenchDatabase, positive } from '../support/bench-database';
import { countStatements } from '../support/count-statements';
import { percentile } from '../support/latency';
import { median } from '../support/median';
import { formatMs, startCostWindow } from '../support/process-cost';
import { GLOBAL_TABLE, recordGlobally } from './baseline-global-chain';

const WRITERS = positive('BENCH_WRITERS', 16);
const TRANSACTIONS = positive('BENCH_TRANSACTIONS', 150);
const ROUNDS = positive('BENCH_ROUNDS', 3);

interface Outcome {
  perSecond: number;
  latencies: number[];
  /** This process's CPU, the database backends' CPU and SQL statements, per record. */
  nodeCpuMs: number;
  pgCpuMs: number | null;
  statements: number;
}

type Writer = (engagementId: string, n: number) => Promise<void>;

const statements = countStatements();

async function run(
  database: BenchDatabase,
  engagements: string[],
  write: Writer,
): Promise<Outcome> {
  const latencies: number[] = [];
  const records = engagements.length * TRANSACTIONS;
  const pg = await startCostWindow(database.admin, database.name, []);
  const cpuBefore = process.cpuUsage();
  const statementsBefore = statements();
  const started = performance.now();
  await Promise.all(
    engagements.map(async (engagementId) => {
      for (let n = 0; n < TRANSACTIONS; n += 1) {
        const t0 = performance.now();
        await write(engagementId, n);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    perSecond: records / seconds,
    latencies,
    nodeCpuMs: (cpu.user + cpu.system) / 1000 / records,
    pgCpuMs: (await pg.end(records)).pgCpuMs,
    statements: (statements() - statementsBefore) / records,
  };
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
function describe(name: string, outcomes: Outcome[]): { name: string; perSecond: number } {
  const perSecond = median(outcomes.map((o) => o.perSecond));
  const all = outcomes.flatMap((o) => o.latencies).sort((a, b) => a - b);
  console.log(
    `${name.padEnd(44)} ${perSecond.toFixed(0).padStart(6)} records/s   p50 ${ms(percentile(all, 50))}  p95 ${ms(percentile(all, 95))}  p99 ${ms(percentile(all, 99))}`,
  );
  const pgCpu = outcomes.map((o) => o.pgCpuMs);
  console.log(
    `${''.padEnd(44)} per record: Node CPU ${formatMs(median(outcomes.map((o) => o.nodeCpuMs)))}, PostgreSQL CPU ${formatMs(pgCpu.includes(null) ? null : median(pgCpu as number[]))}, ${median(outcomes.map((o) => o.statements)).toFixed(1)} SQL statements`,
  );
  return { name, perSecond };
}

async function main(): Promise<void> {
  const database = await createBenchDatabase('audit');
  const dataSource = new DataSource(buildDataSourceOptions(database.url, SCHEMA, WRITERS + 2));
  try {
    await dataSource.initialize();
    await dataSource.query(GLOBAL_TABLE);
    await dataSource.query(
      `CREATE TABLE bench_state (engagement_id uuid PRIMARY KEY, n int NOT NULL)`,
    );
    const engagements = Array.from({ length: WRITERS }, () => randomUUID());
    for (const id of engagements)
      await dataSource.query(`INSERT INTO bench_state VALUES ($1, 0)`, [id]);
    const audit = new AuditService(new Clock());
    const actor = { userId: null, organisationId: null, ip: '127.0.0.1', userAgent: 'bench' };
    const change = (manager: EntityManager, engagementId: string) =>
      manager.query(`UPDATE bench_state SET n = n + 1 WHERE engagement_id = $1`, [engagementId]);

    const globalLock: Writer = (engagementId, n) =>
      dataSource.transaction(async (manager) => {
        await change(manager, engagementId);
        await recordGlobally(manager, engagementId, { n });
      });
    const perEngagement: Writer = (engagementId, n) =>
      dataSource.transaction(async (manager) => {
        await change(manager, engagementId);
        await audit.record(manager, actor, {
          action: 'thing.changed',
          subjectType: 'thing',
          subjectId: engagementId,
          engagementId,
          changes: { n },
        });
      });
    const oneEngagement = randomUUID();
    await dataSource.query(`INSERT INTO bench_state VALUES ($1, 0)`, [oneEngagement]);
    const sameEngagement: Writer = (_engagementId, n) => perEngagement(oneEngagement, n);

    console.log(
      `bench/audit-chains: ${WRITERS} writers × ${TRANSACTIONS} transactions, ${ROUNDS} rounds; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)}`,
    );
    await run(database, engagements.slice(0, 2), perEngagement); // warm-up: connections, plans
    const results: Record<string, Outcome[]> = { global: [], chains: [], same: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      results.global.push(await run(database, engagements, globalLock));
      results.chains.push(await run(database, engagements, perEngagement));
      results.same.push(await run(database, engagements, sameEngagement));
    }
    const baseline = describe('global chain (one advisory lock), baseline', results.global);
    const chains = describe('a chain per engagement, different engagements', results.chains);
    const same = describe('a chain per engagement, all on one engagement', results.same);
    console.log(
      `ratio, different engagements: ${(chains.perSecond / baseline.perSecond).toFixed(2)}× the global chain's throughput`,
    );
    console.log(
      `ratio, one engagement:        ${(same.perSecond / baseline.perSecond).toFixed(2)}× (one chain still serialises its writers)`,
    );
    const check = await verifyAuditChains(dataSource);
    if (!check.ok)
      throw new Error(`the chains are broken after the bench: ${check.problem?.message}`);
    console.log(
      `every chain verified afterwards: ${check.checked} records in ${check.chains} chains`,
    );
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
