// A bench run's own database and Redis key prefix on this machine, removed afterwards, also when
// the run fails or is interrupted.
import { runMigrations } from '@app/platform/database/run-migrations';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SCHEMA } from '../../migrations/schema';

export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function loopbackOnly(name: string, raw: string): URL {
  const url = new URL(raw);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`${name} must point at this machine (loopback), got ${url.hostname}`);
  }
  return url;
}

export function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1`);
  return value;
}

export interface BenchDatabase {
  name: string;
  url: string;
  queuePrefix: string;
  /** A connection to the server's admin database (for pg_stat_* and the like). */
  admin: Client;
  cleanup(): Promise<void>;
}

/** Creates and migrates `mdr_bench_<bench>_<random>`; cleanup drops it and the run's Redis keys. */
export async function createBenchDatabase(bench: string): Promise<BenchDatabase> {
  const adminUrl = loopbackOnly('BENCH_PG_URL', ADMIN_URL);
  loopbackOnly('BENCH_REDIS_URL', REDIS_URL);
  const suffix = randomBytes(6).toString('hex');
  const name = `mdr_bench_${bench}_${suffix}`;
  const url = new URL(adminUrl.href);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: adminUrl.href });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const database: BenchDatabase = {
    name,
    url: url.href,
    queuePrefix: `bench-${bench}-${suffix}`,
    admin,
    async cleanup() {
      await dropRedisKeys(database.queuePrefix).catch((error: unknown) =>
        console.error(`bench/${bench}: could not clear Redis keys:`, error),
      );
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
  try {
    await runMigrations(url.href, SCHEMA);
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  return database;
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    for (let i = 0; i < 10_000; i += 1) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

/** The portal's environment for a bench run in server mode with the demo seed. */
export function portalEnv(database: BenchDatabase, password: string): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    REDIS_URL,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    JWT_TTL_SECONDS: '3600',
    QUEUE_PREFIX: database.queuePrefix,
    SEED_DEMO: 'true',
    DEMO_PASSWORD: password,
    LOG_LEVEL: 'warn',
  };
}
