import {
  ConnectionOptions,
  PostgresPoolConfig,
  QueueOptions,
  RedisOptions,
  setDefaultBackendFactory,
} from 'bullmq';
import { AppConfig, readJobLockMs, RunMode } from '../config/app-config';
import { boundedWaitPostgresBackend } from './embedded-queue-backend';

/** The PostgreSQL schema that holds BullMQ's tables and functions in embedded mode. */
export const EMBEDDED_QUEUE_SCHEMA = 'bullmq';

/**
 * Pool size of each BullMQ Queue/Worker in embedded mode. PGlite runs one statement at a time,
 * so more connections buy nothing but socket-server slots. Each Queue/Worker also opens one
 * dedicated LISTEN connection besides this pool.
 */
const EMBEDDED_QUEUE_POOL_MAX = 2;

/**
 * Worker `drainDelay` is in SECONDS (bullmq 6: "Number of seconds to long poll for jobs when
 * the queue is empty", default 5, must be > 0, fractions allowed). It is how long an idle
 * worker waits before looking again. Through pglite-socket NOTIFY never reaches the LISTEN
 * connection, so in embedded mode this is the pick-up latency of a new job: keep it short. It
 * also bounds the wait while delayed jobs are queued (see boundedWaitPostgresBackend), which
 * would otherwise last until the earliest one is due, up to an hour. On Redis a new job wakes
 * the blocked worker at once, so the default is fine there.
 */
export const EMBEDDED_DRAIN_DELAY_SECONDS = 0.5;
const SERVER_DRAIN_DELAY_SECONDS = 5;

/**
 * Public tables that must NOT exist in embedded mode: BullMQ's runtime SQL names these tables
 * unqualified and the shared search_path is `public, bullmq`, so a public table of the same
 * name would shadow BullMQ's.
 */
export const BULLMQ_RESERVED_TABLE_NAMES = [
  'job',
  'job_log',
  'job_dependency',
  'dedup',
  'meta',
  'scheduler',
  'metrics',
  'event',
  'rate_limit',
] as const;

export interface ModeWorkerOptions {
  drainDelay: number;
  lockDuration?: number;
  stalledInterval?: number;
}

/**
 * Worker options that depend on the run mode; spread them into every Worker/@Processor. With a
 * job lock time, the stalled-job check runs as often as a lock lasts: a job whose worker was
 * killed goes back to the queue within about two lock times (lock expiry, then the next check).
 */
export function workerOptionsFor(
  config: Pick<AppConfig, 'mode'> | RunMode,
  jobLockMs?: number,
): ModeWorkerOptions {
  const mode = typeof config === 'string' ? config : config.mode;
  return {
    drainDelay: mode === 'embedded' ? EMBEDDED_DRAIN_DELAY_SECONDS : SERVER_DRAIN_DELAY_SECONDS,
    ...(jobLockMs === undefined ? {} : { lockDuration: jobLockMs, stalledInterval: jobLockMs }),
  };
}

/**
 * Same as workerOptionsFor, for `@Processor(name, options)` decorators, which are evaluated at
 * import time before the config is injectable. The mode rule mirrors loadConfig: DATABASE_URL
 * set means server mode.
 */
export function workerOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): ModeWorkerOptions {
  return workerOptionsFor(env.DATABASE_URL ? 'server' : 'embedded', readJobLockMs(env));
}

/** ioredis options from a redis:// or rediss:// URL (BullMQ builds and owns the clients). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    // IPv6 hosts come bracketed from URL.hostname.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ requires this for workers' blocking commands.
    maxRetriesPerRequest: null,
  };
}

/** The pg connection config BullMQ's PostgreSQL backend gets in embedded mode. */
function embeddedQueueConnection(databaseUrl: string): PostgresPoolConfig {
  return {
    connectionString: databaseUrl,
    schema: EMBEDDED_QUEUE_SCHEMA,
    // Creates/updates the bullmq schema on first use (one transaction, advisory-locked).
    migrate: true,
    max: EMBEDDED_QUEUE_POOL_MAX,
  };
}

/**
 * Root options for `BullModule.forRootAsync`, per run mode.
 *
 * Side effect, on purpose: selects BullMQ's process-wide backend factory (PostgreSQL in
 * embedded mode, the default Redis one in server mode). Nest resolves this root config
 * before it constructs any Queue or Worker, and each of those reads the default factory when
 * constructed, so the choice applies to all of them.
 */
export function buildQueueRootOptions(config: AppConfig): QueueOptions {
  const defaultJobOptions = {
    // Keep finished jobs long enough that a re-add with the same jobId (outbox relay retries)
    // still finds the old job and is a no-op, but do not grow without bound.
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
  if (config.mode === 'embedded') {
    if (!config.databaseUrl) {
      throw new Error('Embedded queue backend needs config.databaseUrl (start PGlite first)');
    }
    setDefaultBackendFactory(boundedWaitPostgresBackend(EMBEDDED_DRAIN_DELAY_SECONDS));
    return {
      // QueueOptions is typed for the Redis default; the factory above accepts this pg config.
      connection: embeddedQueueConnection(config.databaseUrl) as unknown as ConnectionOptions,
      defaultJobOptions,
    };
  }
  if (!config.redisUrl) throw new Error('Server mode queue backend needs config.redisUrl');
  setDefaultBackendFactory(); // back to Redis, should an earlier call have changed it
  return {
    connection: redisOptionsFromUrl(config.redisUrl),
    prefix: config.queuePrefix,
    defaultJobOptions,
  };
}
