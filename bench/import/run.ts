// bench/import: the endpoint inventory import (EndpointImportService.importEndpoints, the path the
// API's multipart route takes after its scope check: stream → parse → validate → classify →
// binary COPY (into a new partition of `endpoint`, attached after, for an engagement's first import; into a temporary table
// and one set-based merge for a re-import) → audit) for a generated CSV of BENCH_ROWS rows
// (200,000 by default), against psql's \copy of the same file into a bare table, measured in the
// same run: into a new engagement, re-imported unchanged, and re-imported with 5% of its rows
// changed (the weekly case: a customer uploads its updated inventory). Each is run BENCH_REPEATS
// times (5), interleaved; it prints best and median times, the ratios (aims: within 4× of \copy),
// Node and PostgreSQL CPU per import and per 1k rows, and peak RSS growth.
//
// It creates a fresh database mdr_bench_import_<random> on the local PostgreSQL, migrates it, and
// drops it at the end, also when something fails.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@app/audit';
import { Engagement, SYSTEM_ACTOR } from '@app/identity';
import { AppConfigModule, DatabaseModule, loadConfig } from '@app/platform';
import { runMigrations } from '@app/platform/database/run-migrations';
import { EndpointImportService, ImportReport, RolloutInventoryModule } from '@app/rollout';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../migrations/schema';
import { INVENTORY_HEADER, inventoryLine } from '../support/inventory-csv';
import { median } from '../support/median';
import { backendsCpu } from '../support/process-cost';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** BENCH_ORDER=shuffled writes the rows out of hostname order, as an inventory export may be. */
const SHUFFLED = process.env.BENCH_ORDER === 'shuffled';

/** One row in this many differs in the "changed" file: 5%. */
const CHANGED_EVERY = 20;

/**
 * The inventory CSV of bench/support (a realistic estate), in hostname order unless SHUFFLED;
 * `changed`: every CHANGED_EVERY-th row has another tag (the same rows each time).
 */
async function writeCsv(path: string, rows: number, changed = false): Promise<void> {
  const out = createWriteStream(path);
  let buffer = `${INVENTORY_HEADER}\n`;
  for (let n = 0; n < rows; n += 1) {
    // 7919 is prime, so n * 7919 mod rows visits every row once when rows is not a multiple of it.
    const i = SHUFFLED ? (n * 7919) % rows : n;
    const line = inventoryLine(i);
    buffer += `${changed && i % CHANGED_EVERY === 7 ? line.replace(',office;', ',moved;') : line}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

/**
 * psql running `commands` (a \copy and what goes with it); also its server backend's CPU time (read
 * from /proc before psql quits).
 */
function psqlCopy(url: string, commands: string[]): { ms: number; dbCpuMs: number | null } {
  const script = [
    ...commands,
    'SELECT pg_backend_pid() AS pid \\gset',
    // \\! does not interpolate psql variables; its shell gets them through the environment.
    '\\setenv BACKEND_PID :pid',
    '\\! cat /proc/$BACKEND_PID/stat 2>/dev/null || true',
  ].join('\n');
  const started = process.hrtime.bigint();
  const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-f', '-'], {
    input: script,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return { ms, dbCpuMs: statCpuMs(result.stdout) };
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a /proc/<pid>/stat line, in ms; null when there is none (PostgreSQL not local). */
function statCpuMs(stat: string): number | null {
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
  if (fields.length < 13) return null;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function main(): Promise<void> {
  const name = `mdr_bench_import_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    await runMigrations(url.toString(), SCHEMA);
    const file = join(dir, 'endpoints.csv');
    await writeCsv(file, ROWS);
    const changedFile = join(dir, 'endpoints-changed.csv');
    await writeCsv(changedFile, ROWS, true);
    const bytes = statSync(file).size;

    const config = loadConfig({
      DATABASE_URL: url.toString(),
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'x'.repeat(32),
      SESSION_SECRET: 'y'.repeat(32),
      LOG_LEVEL: 'silent',
      DATABASE_POOL_SIZE: '2',
    });
    @Module({
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(SCHEMA),
        AuditModule,
        RolloutInventoryModule,
      ],
    })
    class BenchModule {}
    const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
    try {
      const dataSource = app.get(DataSource);
      const service = app.get(EndpointImportService);
      const [provider] = await dataSource.query(
        `INSERT INTO organisation (kind, name, language) VALUES ('provider', 'Bench MDR', 'en') RETURNING id`,
      );
      /** A customer engagement with no endpoints yet (each first import gets its own). */
      const newEngagement = async (n: number): Promise<Engagement> => {
        const [customer] = await dataSource.query(
          `INSERT INTO organisation (kind, name, language) VALUES ('customer', $1, 'en') RETURNING id`,
          [`Bench Customer ${n}`],
        );
        const [{ id }] = await dataSource.query(
          `INSERT INTO engagement (customer_organisation_id, provider_organisation_id, name) VALUES ($1, $2, 'Bench') RETURNING id`,
          [customer.id, provider.id],
        );
        return dataSource.getRepository(Engagement).findOneByOrFail({ id });
      };

      type Run = {
        ms: number;
        rssGrowth: number;
        nodeCpuMs: number;
        dbCpuMs: number | null;
        report: ImportReport;
      };
      /** CPU of the bench database's backends (the import's pool), by pid. */
      const dbCpu = (): Promise<Map<number, number>> => backendsCpu(admin, name);
      const run = async (engagement: Engagement, csv = file): Promise<Run> => {
        if (global.gc) global.gc();
        const db0 = await dbCpu();
        const cpu0 = process.cpuUsage();
        const base = process.memoryUsage.rss();
        let peak = base;
        // memoryUsage.rss(), not memoryUsage(): the full call gathers heap statistics too, every
        // 10 ms of the import (a thirtieth of its Node CPU in a profile), which \copy never paid.
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
        const started = process.hrtime.bigint();
        const report = await service.importEndpoints(
          { ...SYSTEM_ACTOR, userAgent: 'bench' },
          engagement,
          createReadStream(csv, { highWaterMark: 256 * 1024 }),
          { skipInvalid: false, fileName: 'bench.csv' },
        );
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage.rss());
        const cpu = process.cpuUsage(cpu0);
        const db1 = await dbCpu();
        // Backends opened during the run count from zero; none closes (the pool keeps them).
        let dbCpuMs: number | null = db1.size > 0 ? 0 : null;
        for (const [pid, ms] of db1) dbCpuMs = (dbCpuMs ?? 0) + ms - (db0.get(pid) ?? 0);
        return {
          ms,
          rssGrowth: peak - base,
          nodeCpuMs: (cpu.user + cpu.system) / 1000,
          dbCpuMs,
          report,
        };
      };

      await dataSource.query(
        `CREATE TABLE bare_endpoint (hostname text, type text, os_family text, os_version text, kernel text, site text, country text, existing_product text, tags text)`,
      );
      const loadBefore = loadavg()[0];
      // Each timed run starts from a checkpoint, so none pays for writing out the buffers that
      // the one before it dirtied (an import dirties more of shared_buffers than \copy does).
      const settle = (): Promise<unknown> => dataSource.query('CHECKPOINT');
      // An untimed first import (it also warms the JIT); its engagement is the re-imported one.
      const reimported = await newEngagement(0);
      await run(reimported);
      // The weekly case: each run of this one changes 5% of its rows (to the changed file and back).
      const updated = await newEngagement(-1);
      await run(updated);
      let updatedHolds = file;

      // The schema's own cost: psql's \copy of the rows that import wrote (binary, validated and
      // classified) the way a first import writes them (into a new engagement's partition, then
      // attached: its checks, index builds and foreign-key validation), rolled back; no parsing at
      // all. The ids get a new first digit: still time-ordered, and distinct from the originals.
      const floorEngagement = await newEngagement(1);
      const rowsFile = join(dir, 'endpoint-rows.bin');
      const columns =
        'id, hostname, site, country, existing_product, tags, type, os_family, os_version, kernel, support_status, support_reason';
      const exported = `SELECT '${floorEngagement.id}'::uuid, ('f' || substr(id::text, 2))::uuid, ${columns.replace('id, ', '')} FROM endpoint WHERE engagement_id = '${reimported.id}' ORDER BY id`;
      psqlCopy(url.toString(), [`\\copy (${exported}) TO '${rowsFile}' WITH (FORMAT binary)`]);
      const bareCopy = [`\\copy bare_endpoint FROM '${file}' WITH (FORMAT csv, HEADER true)`];
      const copyIntoEndpoint = [
        'BEGIN;',
        `SELECT endpoint_partition_prepare('${floorEngagement.id}');`,
        `\\copy endpoint_${floorEngagement.id.replace(/-/g, '')} (engagement_id, ${columns}) FROM '${rowsFile}' WITH (FORMAT binary)`,
        `SET LOCAL maintenance_work_mem = '128MB';`,
        `SELECT endpoint_partition_attach('${floorEngagement.id}');`,
        'ROLLBACK;',
      ];

      // Interleaved, so that a busy moment of the machine falls on all four alike.
      const copies: ReturnType<typeof psqlCopy>[] = [];
      const floors: ReturnType<typeof psqlCopy>[] = [];
      const firsts: Run[] = [];
      const agains: Run[] = [];
      const changes: Run[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        await dataSource.query(`TRUNCATE bare_endpoint`);
        await settle();
        copies.push(psqlCopy(url.toString(), bareCopy));
        await settle();
        floors.push(psqlCopy(url.toString(), copyIntoEndpoint));
        await dataSource.query('VACUUM endpoint');
        const engagement = await newEngagement(i + 2);
        await settle();
        firsts.push(await run(engagement));
        await settle();
        agains.push(await run(reimported));
        await settle();
        updatedHolds = updatedHolds === file ? changedFile : file;
        changes.push(await run(updated, updatedHolds));
      }
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM bare_endpoint`);
      const [{ classified }] = await dataSource.query(
        `SELECT count(support_status)::int AS classified FROM endpoint WHERE engagement_id = $1`,
        [reimported.id],
      );

      const mb = (b: number): string => (b / 1048576).toFixed(1);
      const ms = (values: number[]): string =>
        `best ${Math.min(...values).toFixed(0)} ms, median ${median(values).toFixed(0)} ms`;
      const copyBest = copies.reduce((a, b) => (b.ms < a.ms ? b : a));
      const best = (runs: Run[]): Run => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const perThousand = (ms: number): string => ((ms * 1000) / ROWS).toFixed(1);
      const line = (label: string, runs: Run[]): void => {
        const top = best(runs);
        const dbRatio =
          top.dbCpuMs === null || !copyBest.dbCpuMs
            ? ''
            : ` (${(top.dbCpuMs / copyBest.dbCpuMs).toFixed(2)}× \\copy's)`;
        console.log(
          `  ${label} ${ms(runs.map((r) => r.ms))}  ratio ${(top.ms / copyBest.ms).toFixed(2)}× (medians ${(median(runs.map((r) => r.ms)) / median(copies.map((c) => c.ms))).toFixed(2)}×)`,
        );
        console.log(
          `      best run: node CPU ${top.nodeCpuMs.toFixed(0)} ms (${perThousand(top.nodeCpuMs)} per 1k rows), database CPU ${top.dbCpuMs === null ? '?' : `${top.dbCpuMs.toFixed(0)} ms (${perThousand(top.dbCpuMs)} per 1k rows)`}${dbRatio}, peak RSS growth ${mb(Math.max(...runs.map((r) => r.rssGrowth)))} MB`,
        );
      };
      const first = firsts[0];
      console.log(
        `bench/import: ${ROWS} rows${SHUFFLED ? ' (shuffled)' : ''}, ${mb(bytes)} MB CSV, ${REPEATS} runs of each, interleaved; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (${cpus().length} CPUs)`,
      );
      console.log(
        `  psql \\copy (bare table, no validation):   ${ms(copies.map((c) => c.ms))} (${n} rows; database CPU ${copyBest.dbCpuMs ?? '?'} ms)`,
      );
      const floorBest = floors.reduce((a, b) => (b.ms < a.ms ? b : a));
      console.log(
        `  psql \\copy of the validated rows (binary) into endpoint: ${ms(floors.map((f) => f.ms))}  ratio ${(floorBest.ms / copyBest.ms).toFixed(2)}× (database CPU ${floorBest.dbCpuMs ?? '?'} ms): the schema's floor`,
      );
      line('import into a new engagement:           ', firsts);
      line('re-import of the same file (unchanged):  ', agains);
      line('re-import with 5% of its rows changed:   ', changes);
      console.log(
        `  validated ${first.report.valid}/${first.report.rows}, created ${first.report.created}, unchanged on re-import ${agains[0].report.unchanged}, on the 5% re-import updated ${changes[0].report.updated} and unchanged ${changes[0].report.unchanged}, classified ${classified}; by status ${JSON.stringify(first.report.bySupportStatus)}`,
      );
      const aim = (what: string, runs: Run[]): void => {
        const ratio = best(runs).ms / copyBest.ms;
        console.log(
          `  aim: ${what} within 4× of \\copy (best against best) -> ${ratio <= 4 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`,
        );
      };
      aim("a new engagement's import", firsts);
      aim('a re-import of the unchanged file', agains);
      aim('a re-import with 5% changed', changes);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
