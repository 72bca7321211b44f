import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification preferences (issue 18): per person, how each kind of notification reaches them
 * and their digest's local hour; the notifications held for a digest or not sent by choice; and
 * the digests, one per person and local day. Per engagement, Slack and Teams incoming-webhook
 * channels, their URL sealed.
 */
export class CreateNotificationPreferences1765590000000 implements MigrationInterface {
  name = 'CreateNotificationPreferences1765590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid PRIMARY KEY REFERENCES app_user(id),
        deliveries jsonb NOT NULL DEFAULT '{}'::jsonb,
        digest_hour smallint NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE notification_digest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        digest_date date NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (user_id, digest_date)
      )`);
    await q.query(`
      CREATE TABLE held_notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        notification_id uuid NOT NULL,
        kind text NOT NULL,
        delivery text NOT NULL CHECK (delivery IN ('digest', 'off')),
        subject text NOT NULL,
        link text,
        held_at timestamptz NOT NULL,
        digest_id uuid REFERENCES notification_digest(id),
        UNIQUE (user_id, notification_id)
      )`);
    await q.query(
      `CREATE INDEX held_notification_waiting_idx ON held_notification (user_id) WHERE delivery = 'digest' AND digest_id IS NULL`,
    );
    await q.query(`
      CREATE TABLE notification_channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        provider text NOT NULL CHECK (provider IN ('slack', 'teams')),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        language text NOT NULL CHECK (language IN ('ja', 'en', 'zh')),
        url_sealed text NOT NULL,
        url_hint text NOT NULL,
        events text[] NOT NULL,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX notification_channel_engagement_idx ON notification_channel (engagement_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_channel`);
    await q.query(`DROP TABLE held_notification`);
    await q.query(`DROP TABLE notification_digest`);
    await q.query(`DROP TABLE notification_preference`);
  }
}
