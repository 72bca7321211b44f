import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { testClockEnv } from './test-clock';
import { TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS } from './test-env';

const ROOT = join(__dirname, '..', '..');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPortal {
  process: ChildProcess;
  output: () => string;
  baseUrl: string;
  stop(): Promise<number | null>;
  /** Kills the process with that signal (SIGKILL: no shutdown at all) and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts the built portal as `npm start` would (without the build) and waits until it listens. */
export function spawnPortal(env: Record<string, string>, port: number, timeoutMs = 120000): Promise<RunningPortal> {
  // The bare demo unless a test asks for the scenario: the journeys walk Sakura themselves.
  return spawnBuilt(API_MAIN, { PORT: String(port), SEED_DEMO: 'users', ...env }, `http://127.0.0.1:${port}`, '/api/ping', timeoutMs);
}

/**
 * Starts the built worker (server mode: DATABASE_URL and REDIS_URL in `env`) and waits until its
 * health port answers (any status: /health may say "down" while a dependency is away).
 */
export function spawnWorker(env: Record<string, string>, port: number, timeoutMs = 120000): Promise<RunningPortal> {
  return spawnBuilt(WORKER_MAIN, { WORKER_PORT: String(port), ...env }, `http://127.0.0.1:${port}`, '/health', timeoutMs, true);
}

async function spawnBuilt(
  main: string,
  env: Record<string, string>,
  baseUrl: string,
  readyPath: string,
  timeoutMs: number,
  anyStatus = false,
): Promise<RunningPortal> {
  let output = '';
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS,
      ...testClockEnv(),
      ...timeShiftEnv(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}${readyPath}`);
      if (response.ok || anyStatus) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${main} did not listen within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    process: child,
    output: () => output,
    baseUrl,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/**
 * The time-shifted run (`npm run test:time-shift`) moves the real time of the test process with
 * libfaketime; spawned processes get the same shift so that they agree with it.
 */
function timeShiftEnv(): Record<string, string> {
  const names = ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC', 'FAKETIME_NO_CACHE'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
}
