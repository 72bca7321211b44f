import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests counted in one fixed window for one key of one limit. UNLOGGED table
 * `rate_limit_hit`: counters need no crash safety, and skipping the WAL keeps the per-request
 * upsert cheap. Written only through `RateLimiter`.
 */
@Entity()
class RateLimitHit {
  @PrimaryColumn('text')
  bucket: string;

  @PrimaryColumn('text')
  key: string;

  @PrimaryColumn('timestamptz')
  windowStart: Date;

  @Column('integer')
  hits: number;
}

export const PLATFORM_ENTITIES = [RateLimitHit];
