import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The note and evidence files recorded when a task is completed. Files live in the database
 * (bytea), so both run modes and their backups keep them; each row carries its size and SHA-256.
 */
export class CreateTaskEvidence1765300000000 implements MigrationInterface {
  name = 'CreateTaskEvidence1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE step_completion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        onboarding_id uuid NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        step_key text NOT NULL,
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        completed_by uuid NOT NULL REFERENCES app_user(id),
        completed_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX step_completion_onboarding_idx ON step_completion (onboarding_id, step_key, completed_at DESC)`,
    );
    await q.query(`
      CREATE TABLE evidence_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        completion_id uuid NOT NULL REFERENCES step_completion(id) ON DELETE CASCADE,
        onboarding_id uuid NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        step_key text NOT NULL,
        position int NOT NULL CHECK (position >= 0),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL,
        CHECK (octet_length(content) = size_bytes),
        UNIQUE (completion_id, position)
      )`);
    await q.query(`CREATE INDEX evidence_file_onboarding_idx ON evidence_file (onboarding_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_file`);
    await q.query(`DROP TABLE step_completion`);
  }
}
