import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/spawn-portal';

const BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throw-away PostgreSQL server of this test's own, which it may stop and start at will. */
export interface OwnPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server if it runs and deletes its files; safe to call twice. */
  destroy(): void;
}

/** initdb and postgres refuse to run as root: run them as the postgres user then. */
function asServerUser(command: string, args: string[]): string[] {
  return process.getuid?.() === 0
    ? ['runuser', '-u', 'postgres', '--', command, ...args]
    : [command, ...args];
}

function run(command: string, args: string[], timeoutMs = 60_000): void {
  const [bin, ...rest] = asServerUser(command, args);
  const result = spawnSync(bin as string, rest, { encoding: 'utf8', timeout: timeoutMs });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`,
    );
  }
}

/**
 * initdb into a temporary folder and start the server on a free loopback port (socket in the
 * same folder, trust auth, fsync off: it holds test data only). The caller must `destroy()` it
 * in afterAll, even when the test failed.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'mdr-own-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = serverUser();
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  let running = false;
  const ctl = (args: string[]): void => run(join(BIN, 'pg_ctl'), ['-D', data, ...args]);
  const start = (): void => {
    ctl([
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    running = true;
  };
  run(join(BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  start();
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop(mode = 'fast') {
      ctl(['-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    start,
    destroy() {
      try {
        if (running) ctl(['-m', 'immediate', '-w', '-t', '30', 'stop']);
      } catch {
        // already gone
      }
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function serverUser(): { uid: number; gid: number } {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(result.stdout.trim()), gid: Number(group.stdout.trim()) };
}
