import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The evidence store: files attached to a step, an incident or a comment. The bytes are bytea
 * chunks in the database (not large objects), so PGlite and PostgreSQL, pg_dump and the
 * embedded data folder keep them with everything else, and deleting a file's row deletes its
 * bytes (see docs/ARCHITECTURE.md, "Evidence files").
 */
export class CreateEvidenceStore1765580000000 implements MigrationInterface {
  name = 'CreateEvidenceStore1765580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        subject_kind text NOT NULL CHECK (subject_kind IN ('onboarding_step', 'incident', 'comment')),
        subject_id uuid NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('internal', 'shared')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        kind text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        chunk_count int NOT NULL CHECK (chunk_count > 0),
        uploaded_by uuid NOT NULL REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX evidence_attachment_subject_idx ON evidence_attachment (subject_kind, subject_id, uploaded_at)`,
    );
    await q.query(
      `CREATE INDEX evidence_attachment_engagement_idx ON evidence_attachment (engagement_id)`,
    );
    await q.query(`
      CREATE TABLE evidence_chunk (
        attachment_id uuid NOT NULL REFERENCES evidence_attachment(id) ON DELETE CASCADE,
        seq int NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 1048576),
        PRIMARY KEY (attachment_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_chunk`);
    await q.query(`DROP TABLE evidence_attachment`);
  }
}
