import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (npm test builds first) as an operator would, with the given environment. */
export function runCli(args: string[], env: Record<string, string>): CliResult {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The environment an operator would give the CLI to reach a test app's database. */
export function cliEnvOf(t: {
  config: { databaseUrl: string; redisUrl?: string | null };
}): Record<string, string> {
  return {
    DATABASE_URL: t.config.databaseUrl,
    REDIS_URL: t.config.redisUrl ?? '',
    JWT_SECRET: 'x'.repeat(32),
    SESSION_SECRET: 'y'.repeat(32),
  };
}
