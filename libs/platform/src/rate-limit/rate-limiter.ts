import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { windowOf } from './fixed-window';

export interface RateLimitOutcome {
  allowed: boolean;
  /** Requests counted in this window, this one included. */
  hits: number;
  /** Seconds until the window ends: the Retry-After of a refused request. */
  retryAfterSeconds: number;
}

/**
 * Counts requests per key in fixed windows in PostgreSQL, so every API process shares one count
 * (Redis would do too, but embedded mode has none). One atomic upsert per request: of two
 * processes counting at once, each sees its own increment.
 */
@Injectable()
export class RateLimiter {
  private readonly prunedAt = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async hit(
    bucket: string,
    rawKey: string,
    limit: number,
    windowSeconds: number,
  ): Promise<RateLimitOutcome> {
    const window = windowOf(this.clock.now(), windowSeconds);
    // Keys come from requests (IPs, path parameters): stored as a digest, so any bytes (a NUL,
    // a megabyte of path) make a short, valid key.
    const key = createHash('sha256').update(rawKey).digest('base64url');
    const rows = (await this.dataSource.query(
      `INSERT INTO rate_limit_hit (bucket, key, window_start, hits) VALUES ($1, $2, $3, 1)
       ON CONFLICT (bucket, key, window_start) DO UPDATE SET hits = rate_limit_hit.hits + 1
       RETURNING hits`,
      [bucket, key, window.start],
    )) as { hits: number }[];
    const hits = rows[0]?.hits ?? 1;
    await this.pruneOccasionally(bucket, window.start);
    return { allowed: hits <= limit, hits, retryAfterSeconds: window.secondsLeft };
  }

  /** Drops the bucket's past windows, at most once per window per process. */
  private async pruneOccasionally(bucket: string, current: Date): Promise<void> {
    if ((this.prunedAt.get(bucket) ?? 0) >= current.getTime()) return;
    this.prunedAt.set(bucket, current.getTime());
    await this.dataSource.query(
      `DELETE FROM rate_limit_hit WHERE bucket = $1 AND window_start < $2`,
      [bucket, current],
    );
  }
}
