import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bytes per chunk row, as the store wrote them when this migration was written (frozen here). */
const CHUNK_BYTES = 512 * 1024;

/** The content type each kind is served as, as task evidence and the store both fixed it. */
const KIND_OF_CONTENT_TYPE: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'text/plain; charset=utf-8': 'txt',
  'text/csv; charset=utf-8': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

const KIND_CASE = `CASE f.content_type ${Object.entries(KIND_OF_CONTENT_TYPE)
  .map(([type, kind]) => `WHEN '${type}' THEN '${kind}'`)
  .join(' ')} END`;

/**
 * One store of evidence files: the files a task's completion carries move from `evidence_file`
 * (one bytea per file) into the evidence store (`evidence_attachment` with its bytes in
 * `evidence_chunk`), as subject `step_completion` (the completion), shared. Ids stay (audit
 * records name them), and so do the SHA-256, the uploader and the time; the bytes are checked
 * identical before the old table goes. `seq` (write order) keeps a completion's files in the
 * order they were sent. `down` puts them back in `evidence_file` the same way.
 */
export class OneEvidenceStore1765620000000 implements MigrationInterface {
  name = 'OneEvidenceStore1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE evidence_attachment DROP CONSTRAINT evidence_attachment_subject_kind_check`,
    );
    await q.query(
      `ALTER TABLE evidence_attachment ADD CONSTRAINT evidence_attachment_subject_kind_check
         CHECK (subject_kind IN ('onboarding_step', 'incident', 'comment', 'step_completion'))`,
    );
    await q.query(
      `ALTER TABLE evidence_attachment ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`,
    );

    const unknown = (await q.query(
      `SELECT DISTINCT content_type FROM evidence_file WHERE content_type <> ALL($1::text[])`,
      [Object.keys(KIND_OF_CONTENT_TYPE)],
    )) as { content_type: string }[];
    if (unknown.length > 0)
      throw new Error(
        `Task evidence of an unknown content type (${unknown.map((r) => r.content_type).join(', ')}); nothing was migrated`,
      );
    // In the order the files were sent, so `seq` keeps it.
    await q.query(`
      INSERT INTO evidence_attachment (id, engagement_id, subject_kind, subject_id, visibility,
          file_name, kind, content_type, size_bytes, sha256, chunk_count, uploaded_by, uploaded_at)
      SELECT f.id, f.engagement_id, 'step_completion', f.completion_id, 'shared',
             f.file_name, ${KIND_CASE}, f.content_type, f.size_bytes, f.sha256,
             ceil(f.size_bytes / ${CHUNK_BYTES}.0)::int, f.uploaded_by, f.uploaded_at
        FROM evidence_file f
       ORDER BY f.uploaded_at, f.completion_id, f.position`);
    await q.query(`
      INSERT INTO evidence_chunk (attachment_id, seq, data)
      SELECT f.id, g.seq, substring(f.content FROM g.seq * ${CHUNK_BYTES} + 1 FOR ${CHUNK_BYTES})
        FROM evidence_file f
        CROSS JOIN LATERAL generate_series(0, ceil(f.size_bytes / ${CHUNK_BYTES}.0)::int - 1) AS g(seq)`);
    const [{ differing }] = (await q.query(`
      SELECT count(*)::int AS differing
        FROM evidence_file f
        LEFT JOIN (SELECT attachment_id, string_agg(data, ''::bytea ORDER BY seq) AS content
                     FROM evidence_chunk GROUP BY attachment_id) c ON c.attachment_id = f.id
       WHERE c.content IS DISTINCT FROM f.content`)) as { differing: number }[];
    if (differing > 0)
      throw new Error(
        `${differing} task evidence files were not copied byte for byte; nothing was migrated`,
      );
    await q.query(`DROP TABLE evidence_file`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ orphans }] = (await q.query(`
      SELECT count(*)::int AS orphans FROM evidence_attachment a
       WHERE a.subject_kind = 'step_completion'
         AND NOT EXISTS (SELECT 1 FROM step_completion c WHERE c.id = a.subject_id)`)) as {
      orphans: number;
    }[];
    if (orphans > 0)
      throw new Error(`${orphans} completion files name no completion; nothing was moved back`);
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
    await q.query(`
      INSERT INTO evidence_file (id, completion_id, onboarding_id, engagement_id, step_key, position,
          file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
      SELECT a.id, a.subject_id, c.onboarding_id, a.engagement_id, c.step_key,
             row_number() OVER (PARTITION BY a.subject_id ORDER BY a.uploaded_at, a.seq) - 1,
             a.file_name, a.content_type, a.size_bytes, a.sha256,
             (SELECT string_agg(k.data, ''::bytea ORDER BY k.seq) FROM evidence_chunk k
               WHERE k.attachment_id = a.id),
             a.uploaded_by, a.uploaded_at
        FROM evidence_attachment a
        JOIN step_completion c ON c.id = a.subject_id
       WHERE a.subject_kind = 'step_completion'`);
    await q.query(`DELETE FROM evidence_attachment WHERE subject_kind = 'step_completion'`);
    await q.query(`ALTER TABLE evidence_attachment DROP COLUMN seq`);
    await q.query(
      `ALTER TABLE evidence_attachment DROP CONSTRAINT evidence_attachment_subject_kind_check`,
    );
    await q.query(
      `ALTER TABLE evidence_attachment ADD CONSTRAINT evidence_attachment_subject_kind_check
         CHECK (subject_kind IN ('onboarding_step', 'incident', 'comment'))`,
    );
  }
}
