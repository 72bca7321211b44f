// What a request costs beyond its latency: Node CPU of the server process, CPU of the PostgreSQL
// backends serving it, and SQL round trips. Every bench prints these next to its throughput so a
// regression shows even when the machine's other work skews the req/s figures.
import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import { sleep } from './children';

/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is none. */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return null;
  }
}

/** CPU time of the bench database's PostgreSQL backends (local server, so /proc shows them). */
export async function backendsCpu(admin: Client, database: string): Promise<Map<number, number>> {
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
export async function commits(admin: Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * A busy backend publishes its counters at most once a second and an idle one after 10 s
 * (PGSTAT_IDLE_INTERVAL): wait this long before reading pg_stat_database.
 */
export const STATS_SETTLE_MS = 11_000;

/**
 * SQL round trips per call of each probe, from pg_stat_database over sequential calls. A probe is
 * one request (or one mix round); `repeat` runs it that many times. The admin connection must be on
 * another database so its own statements do not count.
 */
export async function statementsPerCall(
  admin: Client,
  database: string,
  probes: readonly (() => Promise<unknown>)[],
  repeat: number,
): Promise<number[]> {
  await sleep(STATS_SETTLE_MS);
  let before = await commits(admin, database);
  const perCall: number[] = [];
  for (const probe of probes) {
    for (let i = 0; i < repeat; i += 1) await probe();
    await sleep(STATS_SETTLE_MS);
    const after = await commits(admin, database);
    perCall.push((after - before) / repeat);
    before = after;
  }
  return perCall;
}

/** A running window over a server process and its database backends. */
export interface CostWindow {
  /** Node CPU and PostgreSQL CPU per request over the window; null where unmeasurable. */
  end(requests: number): Promise<{ nodeCpuMs: number | null; pgCpuMs: number | null }>;
}

/** Starts measuring the CPU of `pids` (the server processes) and of the database's backends. */
export async function startCostWindow(
  admin: Client,
  database: string,
  pids: readonly (number | undefined)[],
): Promise<CostWindow> {
  const nodeBefore = pids.map(cpuMs);
  const pgBefore = await backendsCpu(admin, database);
  return {
    async end(requests) {
      const nodeAfter = pids.map(cpuMs);
      const pgAfter = await backendsCpu(admin, database);
      // Backends opened during the run count from zero; ones closed during it are missed.
      let pg = 0;
      for (const [pid, ms] of pgAfter) pg += ms - (pgBefore.get(pid) ?? 0);
      let node: number | null = 0;
      for (let i = 0; i < pids.length; i += 1) {
        const before = nodeBefore[i];
        const after = nodeAfter[i];
        node = before === null || after === null || node === null ? null : node + after - before;
      }
      return {
        nodeCpuMs: node !== null && requests > 0 ? node / requests : null,
        pgCpuMs: pgAfter.size > 0 && requests > 0 ? pg / requests : null,
      };
    },
  };
}

/** "1.23 ms" or "n/a". */
export function formatMs(value: number | null, digits = 2): string {
  return value === null ? 'n/a' : `${value.toFixed(digits)} ms`;
}
