import { MigrationInterface, QueryRunner } from 'typeorm';

/** Incidents of started services: timeline, SLA breaches, runbook tasks and response actions. */
export class CreateIncidentTables1764900000000 implements MigrationInterface {
  name = 'CreateIncidentTables1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        title text NOT NULL,
        host text,
        severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
        status text NOT NULL CHECK (status IN ('new', 'triaged', 'contained', 'resolved', 'closed')),
        detection_id uuid REFERENCES detection(id),
        agreement_version int NOT NULL,
        opened_by uuid REFERENCES app_user(id),
        started_at timestamptz NOT NULL,
        acknowledge_due_at timestamptz NOT NULL,
        respond_due_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES app_user(id),
        responded_at timestamptz,
        responded_by uuid REFERENCES app_user(id),
        resolved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL
      )`);
    await q.query(`CREATE INDEX incident_engagement ON incident (engagement_id, created_at)`);
    await q.query(`
      CREATE TABLE incident_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('opened', 'acknowledged', 'responded', 'status_changed', 'sla_breached',
          'task_created', 'task_completed', 'action_executed', 'action_recommended', 'action_requested', 'action_approved', 'action_declined',
          'action_fallback_executed', 'action_expired')),
        actor_user_id uuid REFERENCES app_user(id),
        at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX incident_event_incident ON incident_event (incident_id, at, seq)`);
    await q.query(`
      CREATE TABLE incident_sla_breach (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
        timer text NOT NULL CHECK (timer IN ('acknowledge', 'respond')),
        due_at timestamptz NOT NULL,
        detected_at timestamptz NOT NULL,
        UNIQUE (incident_id, timer)
      )`);
    await q.query(`
      CREATE TABLE incident_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
        step_key text NOT NULL,
        title text NOT NULL,
        category text NOT NULL,
        owner_party text NOT NULL CHECK (owner_party IN ('customer', 'provider')),
        owner_role text NOT NULL,
        timing text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'done')),
        completed_at timestamptz,
        completed_by uuid REFERENCES app_user(id),
        UNIQUE (incident_id, step_key)
      )`);
    await q.query(`
      CREATE TABLE incident_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('isolate_host', 'kill_process', 'quarantine_file', 'block_hash', 'disable_account')),
        target text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('notify', 'collaborate', 'authorize')),
        status text NOT NULL CHECK (status IN ('executed', 'awaiting_customer', 'declined', 'executed_by_fallback', 'recommended')),
        reason text,
        requested_by uuid NOT NULL REFERENCES app_user(id),
        requested_at timestamptz NOT NULL,
        timeout_at timestamptz,
        fallback text CHECK (fallback IN ('act', 'wait')),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        decided_via text CHECK (decided_via IN ('portal', 'link', 'fallback')),
        executed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX incident_action_incident ON incident_action (incident_id, requested_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incident_action`);
    await q.query(`DROP TABLE incident_task`);
    await q.query(`DROP TABLE incident_sla_breach`);
    await q.query(`DROP TABLE incident_event`);
    await q.query(`DROP TABLE incident`);
  }
}
