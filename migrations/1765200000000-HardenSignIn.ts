import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that can be ended and sign-ins that slow attackers without locking out the owner:
 * - `app_user.session_version`: every portal session and bearer token carries the version it
 *   was issued under; signing out, changing the password or disabling the user raises it, which
 *   ends every session and token of that user at once (the scope query compares it anyway);
 * - `app_user.disabled_at`: a disabled user signs in nowhere;
 * - failed sign-ins are also counted per client address (spraying across accounts);
 * - `login_known_address`: where each account last signed in successfully, so a flood of
 *   failures from elsewhere does not slow the owner down at their usual address.
 */
export class HardenSignIn1765200000000 implements MigrationInterface {
  name = 'HardenSignIn1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE app_user ADD COLUMN disabled_at timestamptz`);
    await q.query(`CREATE INDEX login_failure_ip_idx ON login_failure (ip, created_at)`);
    await q.query(`
      CREATE TABLE login_known_address (
        email text NOT NULL,
        ip text NOT NULL,
        last_success_at timestamptz NOT NULL,
        PRIMARY KEY (email, ip)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_known_address`);
    await q.query(`DROP INDEX login_failure_ip_idx`);
    await q.query(`ALTER TABLE app_user DROP COLUMN disabled_at`);
    await q.query(`ALTER TABLE app_user DROP COLUMN session_version`);
  }
}
