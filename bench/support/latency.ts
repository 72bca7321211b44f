// Load runs under autocannon with every response time kept: autocannon's own summary has no p95.
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses by status code. */
  statuses: Map<number, number>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs autocannon with `options` (after a short warm-up) and keeps every response time. */
export async function measureLoad(
  options: autocannon.Options,
  warmupSeconds = 2,
): Promise<LoadResult> {
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    statuses,
  };
}

export function describeLoad(name: string, r: LoadResult, width = 40): string {
  const f = (ms: number): string => `${ms.toFixed(0).padStart(5)} ms`;
  return `${name.padEnd(width)}${r.rps.toFixed(0).padStart(7)} req/s  p50 ${f(r.p50)}  p95 ${f(r.p95)}  p99 ${f(r.p99)}`;
}
