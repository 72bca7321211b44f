import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second factor: an authenticator app's TOTP secret (RFC 6238), sealed with the server's key
 * since it must be used again, bound to its user; the last time step used, so one code never
 * signs in twice; and single-use recovery codes, of which only the SHA-256 is kept.
 */
export class CreateTotpFactors1765520000000 implements MigrationInterface {
  name = 'CreateTotpFactors1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_totp (
        user_id uuid PRIMARY KEY REFERENCES app_user(id),
        secret_sealed text NOT NULL,
        created_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        last_used_step bigint
      )`);
    await q.query(`
      CREATE TABLE user_recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        code_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_recovery_code_user_idx ON user_recovery_code (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_recovery_code`);
    await q.query(`DROP TABLE user_totp`);
  }
}
