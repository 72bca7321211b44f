import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES = `'opened', 'acknowledged', 'responded', 'status_changed', 'sla_breached',
  'task_created', 'task_completed', 'action_executed', 'action_recommended', 'action_requested', 'action_approved', 'action_declined',
  'action_fallback_executed', 'action_expired', 'escalation_notified', 'escalation_acknowledged', 'escalation_timed_out', 'escalation_exhausted',
  'task_not_applicable'`;

/**
 * Incidents for the customer: a partial index of the response actions that wait for the
 * customer (the urgent-approval banner asks for them on every page of a security lead), and the
 * post-incident review of an incident with its action items, each owned by a person and due on
 * a day; recording it is a timeline event (`review_recorded`).
 */
export class IncidentsForTheCustomer1765610000000 implements MigrationInterface {
  name = 'IncidentsForTheCustomer1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX incident_action_awaiting_idx ON incident_action (timeout_at, requested_at) WHERE status = 'awaiting_customer'`,
    );
    await q.query(`
      CREATE TABLE incident_review (
        incident_id uuid PRIMARY KEY REFERENCES incident(id),
        what_happened text NOT NULL CHECK (char_length(what_happened) BETWEEN 1 AND 10000),
        root_cause text NOT NULL CHECK (char_length(root_cause) BETWEEN 1 AND 10000),
        lessons text NOT NULL CHECK (char_length(lessons) BETWEEN 1 AND 10000),
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE incident_review_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident_review(incident_id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 0),
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 2000),
        owner_user_id uuid NOT NULL REFERENCES app_user(id),
        due_date date NOT NULL,
        UNIQUE (incident_id, position)
      )`);
    await q.query(`ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_check`);
    await q.query(
      `ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_check CHECK (type IN (${EVENT_TYPES}, 'review_recorded'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM incident_event WHERE type = 'review_recorded'`);
    await q.query(`ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_check`);
    await q.query(
      `ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_check CHECK (type IN (${EVENT_TYPES}))`,
    );
    await q.query(`DROP TABLE incident_review_item`);
    await q.query(`DROP TABLE incident_review`);
    await q.query(`DROP INDEX incident_action_awaiting_idx`);
  }
}
