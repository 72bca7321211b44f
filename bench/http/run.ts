// bench/http: the app's constant endpoint against a bare node:http server answering the same
// JSON, measured in the same run under autocannon (50 connections). Prints both and the ratio.
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function start(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/api/ping`;
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(url)).ok) return { child, url };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${script} did not start`);
}

async function measure(url: string): Promise<autocannon.Result> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up (JIT, pools)
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION });
}

function line(name: string, result: autocannon.Result): string {
  const l = result.latency;
  return `${name.padEnd(22)} ${result.requests.average.toFixed(0).padStart(8)} req/s   p50 ${l.p50} ms  p99 ${l.p99} ms  errors ${result.errors + result.non2xx}`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-bench-'));
  const bare = await start('dist/bench/http/bare-server.js', {});
  const app = await start('dist/apps/api/src/main.js', {
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
  try {
    const bareResult = await measure(bare.url);
    const appResult = await measure(app.url);
    console.log(
      `bench/http: ${CONNECTIONS} connections, ${DURATION} s each, same machine, same run`,
    );
    console.log(line('bare node:http', bareResult));
    console.log(line('portal GET /api/ping', appResult));
    console.log(
      `ratio app/bare: ${(appResult.requests.average / bareResult.requests.average).toFixed(2)} (aim >= 0.70)`,
    );
  } finally {
    bare.child.kill('SIGTERM');
    app.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
