import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES = `'opened', 'acknowledged', 'responded', 'status_changed', 'sla_breached',
  'task_created', 'task_completed', 'action_executed', 'action_recommended', 'action_requested', 'action_approved', 'action_declined',
  'action_fallback_executed', 'action_expired', 'escalation_notified', 'escalation_acknowledged', 'escalation_timed_out', 'escalation_exhausted'`;

/**
 * A runbook task of an incident is done (with an optional note) or marked not applicable with a
 * reason; an incident closes only when none is left open.
 */
export class IncidentTasksNotApplicable1765110000000 implements MigrationInterface {
  name = 'IncidentTasksNotApplicable1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_task DROP CONSTRAINT incident_task_status_check`);
    await q.query(
      `ALTER TABLE incident_task ADD CONSTRAINT incident_task_status_check CHECK (status IN ('open', 'done', 'not_applicable'))`,
    );
    await q.query(`ALTER TABLE incident_task ADD COLUMN note text`);
    await q.query(
      `ALTER TABLE incident_task ADD CONSTRAINT incident_task_not_applicable_reason CHECK (status <> 'not_applicable' OR length(note) >= 3)`,
    );
    await q.query(`ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_check`);
    await q.query(
      `ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_check CHECK (type IN (${EVENT_TYPES}, 'task_not_applicable'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM incident_event WHERE type = 'task_not_applicable'`);
    await q.query(`ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_check`);
    await q.query(
      `ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_check CHECK (type IN (${EVENT_TYPES}))`,
    );
    await q.query(
      `UPDATE incident_task SET status = 'open', completed_at = NULL, completed_by = NULL WHERE status = 'not_applicable'`,
    );
    await q.query(`ALTER TABLE incident_task DROP CONSTRAINT incident_task_not_applicable_reason`);
    await q.query(`ALTER TABLE incident_task DROP COLUMN note`);
    await q.query(`ALTER TABLE incident_task DROP CONSTRAINT incident_task_status_check`);
    await q.query(
      `ALTER TABLE incident_task ADD CONSTRAINT incident_task_status_check CHECK (status IN ('open', 'done'))`,
    );
  }
}
