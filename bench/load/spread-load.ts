// A load run spread over several API processes: the connections are shared out between the
// processes' addresses (one autocannon per process, run together) and the response times of all
// are pooled, so the percentiles are those of the whole run.
import autocannon from 'autocannon';
import { LoadResult, percentile } from '../support/latency';

/** `connections` shared out over `bases` as evenly as possible (each gets at least one). */
export function shareOut(connections: number, bases: readonly string[]): number[] {
  return bases.map(
    (_, i) => Math.floor(connections / bases.length) + (i < connections % bases.length ? 1 : 0),
  );
}

async function runOne(
  options: autocannon.Options,
  times: number[],
  statuses: Map<number, number>,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
}

/**
 * Runs `options` against `path` of every base at once (after a warm-up of `warmupSeconds`), `connections`
 * shared out between them; `responses` counts every response of the measured part.
 */
export async function measureSpread(
  bases: readonly string[],
  path: string,
  connections: number,
  options: Omit<autocannon.Options, 'url' | 'connections'>,
  warmupSeconds: number,
): Promise<LoadResult & { responses: number }> {
  const shares = shareOut(connections, bases)
    .map((n, i) => ({ url: `${bases[i]}${path}`, connections: n }))
    .filter((s) => s.connections > 0);
  if (warmupSeconds > 0)
    await Promise.all(shares.map((s) => autocannon({ ...options, ...s, duration: warmupSeconds })));
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const results = await Promise.all(
    shares.map((s) => runOne({ ...options, ...s }, times, statuses)),
  );
  times.sort((a, b) => a - b);
  return {
    rps: results.reduce((n, r) => n + r.requests.average, 0),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    statuses,
    responses: times.length,
  };
}
