import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
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
export function spawnPortal(
  env: Record<string, string>,
  port: number,
  timeoutMs = 120000,
): Promise<RunningPortal> {
  // The bare demo unless a test asks for the scenario: the journeys walk Sakura themselves.
  return spawnBuilt(
    API_MAIN,
    { PORT: String(port), SEED_DEMO: 'users', ...env },
    `http://127.0.0.1:${port}`,
    '/api/ping',
    timeoutMs,
  );
}

/**
 * Starts the built portal as `npm start` on a person's terminal would: its stdout and stderr a
 * pseudo-terminal (util-linux `script`), whose output `output()` returns as the terminal shows it.
 */
export function spawnPortalOnTerminal(
  env: Record<string, string>,
  port: number,
  timeoutMs = 120000,
): Promise<RunningPortal> {
  return spawnBuilt(
    API_MAIN,
    { PORT: String(port), ...env },
    `http://127.0.0.1:${port}`,
    '/api/ping',
    timeoutMs,
    false,
    true,
  );
}

/**
 * Starts the built worker (server mode: DATABASE_URL and REDIS_URL in `env`) and waits until its
 * health port answers (any status: /health may say "down" while a dependency is away).
 */
export function spawnWorker(
  env: Record<string, string>,
  port: number,
  timeoutMs = 120000,
): Promise<RunningPortal> {
  return spawnBuilt(
    WORKER_MAIN,
    { WORKER_PORT: String(port), ...env },
    `http://127.0.0.1:${port}`,
    '/health',
    timeoutMs,
    true,
  );
}

async function spawnBuilt(
  main: string,
  env: Record<string, string>,
  baseUrl: string,
  readyPath: string,
  timeoutMs: number,
  anyStatus = false,
  terminal = false,
): Promise<RunningPortal> {
  let output = '';
  // `exec`, so that the portal is the child of `script` and a stop reaches it directly (`script`
  // itself answers SIGTERM by killing its child, without the portal's own shutdown).
  const [command, args] = terminal
    ? ['script', ['-qfec', `exec '${process.execPath}' '${main}'`, '/dev/null']]
    : [process.execPath, [main]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS,
      // The seeded people have no authenticator app; suites about the MFA policy turn it on.
      MFA_REQUIRED_FOR_PROVIDER: 'false',
      ...testClockEnv(),
      ...timeShiftEnv(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${main} exited with ${child.exitCode}:\n${output}`);
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
  // What the process wrote before it answered (the banner, printed as it starts listening) was in
  // the pipe when the answer arrived: one turn of the event loop delivers it to `output`.
  await new Promise((resolve) => setImmediate(resolve));
  return {
    process: child,
    output: () => output,
    baseUrl,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      (terminal ? terminalChild(child) : child).kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      (terminal ? terminalChild(child) : child).kill(signal);
      await exited;
    },
  };
}

/** The process `script` runs on the pseudo-terminal (`script` exits with its exit code). */
function terminalChild(script: ChildProcess): { kill(signal: NodeJS.Signals): void } {
  const children = readFileSync(`/proc/${script.pid}/task/${script.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (children.length !== 1)
    throw new Error(`script runs ${children.length} processes, expected the portal alone`);
  return { kill: (signal) => process.kill(Number(children[0]), signal) };
}

/**
 * The time-shifted run (`npm run test:time-shift`) moves the real time of the test process with
 * libfaketime; spawned processes get the same shift so that they agree with it.
 */
function timeShiftEnv(): Record<string, string> {
  const names = ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC', 'FAKETIME_NO_CACHE'];
  return Object.fromEntries(
    names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])),
  );
}
