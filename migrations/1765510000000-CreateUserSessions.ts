import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per portal session and per bearer token, so a person sees where they are signed in
 * and ends any one of them. The cookie or token names its row (`sid`); the scope query, which
 * runs on every request anyway, refuses a revoked one. Sessions from before this migration name
 * no row and stop working (people sign in again once).
 */
export class CreateUserSessions1765510000000 implements MigrationInterface {
  name = 'CreateUserSessions1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL CHECK (kind IN ('portal', 'token')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_session`);
  }
}
