import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorkflowTables1764200000000 implements MigrationInterface {
  name = 'CreateWorkflowTables1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_template (
        key text NOT NULL,
        version int NOT NULL,
        definition jsonb NOT NULL,
        checksum text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (key, version)
      )`);
    await q.query(`
      CREATE TABLE onboarding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        template_key text NOT NULL,
        template_version int NOT NULL,
        planned_start_date date NOT NULL,
        status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'active')),
        current_phase text NOT NULL CHECK (current_phase IN ('introduction', 'pre_production', 'production')),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        service_started_at timestamptz,
        service_started_by uuid REFERENCES app_user(id),
        version int NOT NULL DEFAULT 1,
        FOREIGN KEY (template_key, template_version) REFERENCES workflow_template(key, version)
      )`);
    await q.query(`CREATE INDEX onboarding_engagement_idx ON onboarding (engagement_id)`);
    await q.query(`CREATE INDEX onboarding_phase_idx ON onboarding (current_phase, status)`);
    await q.query(`
      CREATE TABLE onboarding_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        onboarding_id uuid NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
        key text NOT NULL,
        position int NOT NULL,
        type text NOT NULL CHECK (type IN ('approval', 'signature', 'email_confirmation', 'task', 'automatic_check')),
        party text NOT NULL CHECK (party IN ('customer', 'provider')),
        role text NOT NULL,
        phase text NOT NULL,
        area text NOT NULL,
        depends_on text[] NOT NULL DEFAULT '{}',
        required_for_start boolean NOT NULL,
        waivable boolean NOT NULL,
        due_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('blocked', 'open', 'done', 'rejected', 'waived', 'stale')),
        reason text,
        content_hash text,
        acted_by uuid REFERENCES app_user(id),
        acted_at timestamptz,
        opened_at timestamptz,
        version int NOT NULL DEFAULT 1,
        UNIQUE (onboarding_id, key)
      )`);
    await q.query(
      `CREATE INDEX onboarding_step_open_due_idx ON onboarding_step (due_at) WHERE state IN ('open', 'stale', 'rejected')`,
    );
    await q.query(`
      CREATE TABLE step_submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        onboarding_id uuid NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
        step_key text NOT NULL,
        version int NOT NULL,
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        submitted_by uuid NOT NULL REFERENCES app_user(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (onboarding_id, step_key, version)
      )`);
    await q.query(`
      CREATE TABLE onboarding_event (
        id bigserial PRIMARY KEY,
        onboarding_id uuid NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
        step_key text,
        action text NOT NULL,
        from_state text,
        to_state text,
        actor_user_id uuid,
        reason text,
        content_hash text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX onboarding_event_onboarding_idx ON onboarding_event (onboarding_id, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE onboarding_event`);
    await q.query(`DROP TABLE step_submission`);
    await q.query(`DROP TABLE onboarding_step`);
    await q.query(`DROP TABLE onboarding`);
    await q.query(`DROP TABLE workflow_template`);
  }
}
