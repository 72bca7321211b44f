import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_EVENT_TYPES = `'opened', 'acknowledged', 'responded', 'status_changed', 'sla_breached',
  'task_created', 'task_completed', 'action_executed', 'action_recommended', 'action_requested', 'action_approved', 'action_declined',
  'action_fallback_executed', 'action_expired'`;
const NEW_EVENT_TYPES = `${OLD_EVENT_TYPES}, 'escalation_notified', 'escalation_acknowledged', 'escalation_timed_out', 'escalation_exhausted'`;

/**
 * Incident escalation to the agreement's contacts, the engagement's incident webhooks, and the
 * peacetime runbook's scheduled tasks.
 */
export class CreateIncidentEscalations1764970000000 implements MigrationInterface {
  name = 'CreateIncidentEscalations1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_check`);
    await q.query(
      `ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_check CHECK (type IN (${NEW_EVENT_TYPES}))`,
    );
    await q.query(`
      CREATE TABLE incident_escalation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
        round int NOT NULL CHECK (round >= 1),
        position int NOT NULL CHECK (position >= 0),
        contact_name text NOT NULL,
        contact_email text NOT NULL,
        language text NOT NULL CHECK (language IN ('ja', 'en', 'zh')),
        out_of_hours boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'acknowledged', 'timed_out', 'superseded')),
        notified_at timestamptz NOT NULL,
        ack_due_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES app_user(id),
        acknowledged_via text CHECK (acknowledged_via IN ('link', 'portal')),
        UNIQUE (incident_id, round, position)
      )`);
    await q.query(`
      CREATE TABLE incident_webhook_config (
        engagement_id uuid PRIMARY KEY REFERENCES engagement(id),
        chat_url text CHECK (chat_url ~ '^https?://'),
        ticketing_url text CHECK (ticketing_url ~ '^https?://'),
        secret text NOT NULL,
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE peacetime_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        step_key text NOT NULL,
        title text NOT NULL,
        frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
        period_start timestamptz NOT NULL,
        owner_party text NOT NULL CHECK (owner_party IN ('customer', 'provider')),
        owner_role text NOT NULL,
        timing text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'done')),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        completed_by uuid REFERENCES app_user(id),
        UNIQUE (engagement_id, step_key, period_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE peacetime_task`);
    await q.query(`DROP TABLE incident_webhook_config`);
    await q.query(`DROP TABLE incident_escalation`);
    await q.query(`DELETE FROM incident_event WHERE type LIKE 'escalation_%'`);
    await q.query(`ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_check`);
    await q.query(
      `ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_check CHECK (type IN (${OLD_EVENT_TYPES}))`,
    );
  }
}
