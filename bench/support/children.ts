// Child processes of a bench run (the built portal, bare baseline servers): started on a free
// loopback port, awaited until ready, stopped gracefully, their last output kept for failures.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A deadline to race against: it never keeps the process alive by itself. */
export function deadline(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A child process with the tail of its output, printed when the run fails. */
export interface Child {
  name: string;
  process: ChildProcess;
  base: string;
  output: string[];
  exited: boolean;
}

export class Children {
  readonly all: Child[] = [];

  /** Starts `script` (relative to the project root) and waits until `readyPath` answers 2xx. */
  async start(
    name: string,
    script: string,
    readyPath: string,
    env: Record<string, string>,
    nodeArgs: string[] = [],
  ): Promise<Child> {
    const port = await freePort();
    const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entry: Child = {
      name,
      process: child,
      base: `http://127.0.0.1:${port}`,
      output: [],
      exited: false,
    };
    this.all.push(entry);
    const keep = (chunk: Buffer): void => {
      entry.output.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim() !== ''),
      );
      if (entry.output.length > 60) entry.output.splice(0, entry.output.length - 60);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => {
      entry.exited = true;
    });
    for (let i = 0; i < 600; i += 1) {
      if (entry.exited) throw new Error(`${name} exited during start-up`);
      try {
        if ((await fetch(`${entry.base}${readyPath}`, { signal: AbortSignal.timeout(2000) })).ok)
          return entry;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${name} did not start within 120 s`);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.map(stopChild));
  }

  printOutputs(): void {
    for (const child of this.all) {
      if (child.output.length > 0)
        console.error(`--- last output of ${child.name} ---\n${child.output.join('\n')}`);
    }
  }
}

export async function stopChild(child: Child): Promise<void> {
  if (child.exited) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  await Promise.race([exited, deadline(5000)]);
  if (!child.exited) {
    child.process.kill('SIGKILL');
    await Promise.race([exited, deadline(2000)]);
  }
}
