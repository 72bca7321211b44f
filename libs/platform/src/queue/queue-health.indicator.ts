import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EMBEDDED_QUEUE_SCHEMA, redisOptionsFromUrl } from './queue-root';

const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * For /health: is the queue backend reachable? Server mode PINGs Redis; embedded mode queries
 * PGlite and checks that BullMQ's schema has been migrated. Uses its own small connection so
 * a check never waits behind job traffic.
 */
@Injectable()
export class QueueHealthIndicator implements OnModuleDestroy {
  private redis?: Redis;
  private pool?: Pool;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const check = this.health.check(key);
    const backend = this.config.mode === 'server' ? 'redis' : 'postgres';
    const started = performance.now();
    try {
      if (this.config.mode === 'server') {
        await withTimeout(this.pingRedis(), CHECK_TIMEOUT_MS, 'Redis PING');
      } else {
        const migrated = await withTimeout(this.queryPostgres(), CHECK_TIMEOUT_MS, 'query');
        if (!migrated) {
          return check.down({ backend, message: `schema "${EMBEDDED_QUEUE_SCHEMA}" not migrated` });
        }
      }
      return check.up({ backend, latencyMs: Math.round(performance.now() - started) });
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      return check.down({ backend, message });
    }
  }

  private async pingRedis(): Promise<void> {
    if (!this.redis) {
      if (!this.config.redisUrl) throw new Error('REDIS_URL is not configured');
      this.redis = new Redis({
        ...redisOptionsFromUrl(this.config.redisUrl),
        // Fail the check instead of queueing commands while Redis is away.
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: true,
        // One attempt per check; the next check connects again (status 'end').
        retryStrategy: () => null,
        connectTimeout: CHECK_TIMEOUT_MS,
        connectionName: `${this.config.queuePrefix}:health`,
      });
      // Errors surface through the failed PING; without a listener ioredis logs each one.
      this.redis.on('error', () => undefined);
    }
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
    const reply = await this.redis.ping();
    if (reply !== 'PONG') throw new Error(`unexpected PING reply ${reply}`);
  }

  private async queryPostgres(): Promise<boolean> {
    this.pool ??= new Pool({
      connectionString: this.config.databaseUrl,
      max: 1,
      // Give the socket-server slot back between checks.
      idleTimeoutMillis: 5000,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS,
      query_timeout: CHECK_TIMEOUT_MS,
      allowExitOnIdle: true,
    });
    const { rows } = await this.pool.query<{ migrated: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS migrated',
      [`${EMBEDDED_QUEUE_SCHEMA}.migration`],
    );
    return rows[0]?.migrated === true;
  }

  async onModuleDestroy(): Promise<void> {
    const redis = this.redis;
    const pool = this.pool;
    this.redis = undefined;
    this.pool = undefined;
    // On an already ended client, disconnect() would arm a 2 s timer that holds the process.
    if (redis && redis.status !== 'end') redis.disconnect();
    if (pool) await pool.end();
  }
}
