import { MigrationInterface, QueryRunner } from 'typeorm';

/** The shared rate limiter's counters (see RateLimiter): unlogged, they need no crash safety. */
export class CreateRateLimitHit1764950000000 implements MigrationInterface {
  name = 'CreateRateLimitHit1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_hit (
        bucket text NOT NULL,
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL CHECK (hits > 0),
        PRIMARY KEY (bucket, key, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hit`);
  }
}
