import { MigrationInterface, QueryRunner } from 'typeorm';

/** Static block lists, past incidents, notification routing and detections (issue 6, parts 7-8). */
export class CreateProtectionTables1764730000000 implements MigrationInterface {
  name = 'CreateProtectionTables1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE past_incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        occurred_on date NOT NULL,
        description text NOT NULL,
        technique text NOT NULL,
        indicators jsonb NOT NULL CHECK (jsonb_typeof(indicators) = 'array'),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX past_incident_engagement ON past_incident (engagement_id, occurred_on)`,
    );
    await q.query(`
      CREATE TABLE block_list_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        type text NOT NULL CHECK (type IN ('sha256', 'sha1', 'md5', 'file_path', 'domain', 'ip')),
        value text NOT NULL CHECK (length(value) BETWEEN 1 AND 4096),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        source_incident_id uuid REFERENCES past_incident(id),
        expires_at timestamptz,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX block_list_entry_value ON block_list_entry (engagement_id, type, value)`,
    );
    await q.query(`
      CREATE TABLE notification_routing (
        engagement_id uuid PRIMARY KEY REFERENCES engagement(id),
        mode text NOT NULL CHECK (mode IN ('per_country', 'headquarters_first')),
        webhook_secret text NOT NULL,
        secret_created_at timestamptz NOT NULL,
        updated_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE detection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        edr_detection_id text NOT NULL CHECK (length(edr_detection_id) BETWEEN 1 AND 200),
        detected_at timestamptz NOT NULL,
        hostname text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high', 'critical')),
        title text NOT NULL,
        details jsonb,
        endpoint_id uuid REFERENCES endpoint(id) ON DELETE SET NULL,
        country text,
        site text,
        routing_mode text NOT NULL CHECK (routing_mode IN ('per_country', 'headquarters_first')),
        routing_reason text NOT NULL CHECK (routing_reason IN ('country', 'headquarters', 'fallback')),
        recipient_user_ids uuid[] NOT NULL,
        received_at timestamptz NOT NULL,
        UNIQUE (engagement_id, edr_detection_id)
      )`);
    await q.query(
      `CREATE INDEX detection_engagement_time ON detection (engagement_id, detected_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detection`);
    await q.query(`DROP TABLE notification_routing`);
    await q.query(`DROP TABLE block_list_entry`);
    await q.query(`DROP TABLE past_incident`);
  }
}
