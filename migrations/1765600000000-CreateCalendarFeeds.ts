import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feeds: a person's secret feed link, kept as the SHA-256 of its token (at most one live
 * link a person, revoked links kept for the record), and each calendar item's revision (its
 * dates' fingerprint and SEQUENCE), so a moved date reaches calendars as an update of the same
 * item.
 */
export class CreateCalendarFeeds1765600000000 implements MigrationInterface {
  name = 'CreateCalendarFeeds1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feed_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX calendar_feed_token_live_idx ON calendar_feed_token (user_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE calendar_item_revision (
        uid text PRIMARY KEY,
        fingerprint text NOT NULL,
        sequence integer NOT NULL CHECK (sequence >= 0),
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_item_revision`);
    await q.query(`DROP TABLE calendar_feed_token`);
  }
}
