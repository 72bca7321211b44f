import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversations on steps, document versions and incidents: comments (never deleted), the bodies
 * an edit replaced, the people each comment mentions, and the reply addresses of comment mails
 * (kept as SHA-256, single-use and expiring).
 */
export class CreateConversations1765570000000 implements MigrationInterface {
  name = 'CreateConversations1765570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversation_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        subject_type text NOT NULL CHECK (subject_type IN ('onboarding_step', 'document_version', 'incident')),
        subject_id uuid NOT NULL,
        parent_id uuid REFERENCES conversation_comment(id),
        visibility text NOT NULL CHECK (visibility IN ('internal', 'shared')),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
        author_id uuid NOT NULL REFERENCES app_user(id),
        via text NOT NULL CHECK (via IN ('portal', 'api', 'email')),
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        created_at timestamptz NOT NULL,
        edited_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX conversation_comment_subject_idx ON conversation_comment (engagement_id, subject_type, subject_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE conversation_comment_revision (
        comment_id uuid NOT NULL REFERENCES conversation_comment(id),
        revision int NOT NULL CHECK (revision >= 1),
        body text NOT NULL,
        written_at timestamptz NOT NULL,
        PRIMARY KEY (comment_id, revision)
      )`);
    await q.query(`
      CREATE TABLE conversation_mention (
        comment_id uuid NOT NULL REFERENCES conversation_comment(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        PRIMARY KEY (comment_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE conversation_reply_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        comment_id uuid NOT NULL REFERENCES conversation_comment(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX conversation_reply_token_comment_idx ON conversation_reply_token (comment_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversation_reply_token`);
    await q.query(`DROP TABLE conversation_mention`);
    await q.query(`DROP TABLE conversation_comment_revision`);
    await q.query(`DROP TABLE conversation_comment`);
  }
}
