import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table the signed-in person's grant is read from (ScopeService.grantFor). */
const GRANT_TABLES = [
  'app_user',
  'membership',
  'organisation',
  'user_session',
  'user_totp',
  'user_passkey',
];

/**
 * A change to any table a grant is read from notifies channel `mdr_grant_stale` when it commits,
 * so every API process drops the grants it keeps (libs/identity GrantCache): a revoked session,
 * a disabled user or a changed role takes effect on the next request. Statement-level, with no
 * payload: PostgreSQL sends one notification per transaction however many rows changed.
 */
export class NotifyGrantChanges1765650000000 implements MigrationInterface {
  name = 'NotifyGrantChanges1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION mdr_notify_grant_stale() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('mdr_grant_stale', '');
        RETURN NULL;
      END
      $$`);
    for (const table of GRANT_TABLES) {
      await q.query(
        `CREATE TRIGGER ${table}_grant_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION mdr_notify_grant_stale()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of GRANT_TABLES) {
      await q.query(`DROP TRIGGER ${table}_grant_stale ON ${table}`);
    }
    await q.query(`DROP FUNCTION mdr_notify_grant_stale()`);
  }
}
