import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things of conversations. First, what an internal audit record (an internal comment, an internal file) withholds from its
 * chain: the chain carries `{ visibility: 'internal', contentSha256 }`, this table the salted
 * changes that hash to it, for those who may read internal content. Append-only like the log.
 * Records written before this change keep the changes they were hashed with: rewriting them
 * would contradict the checkpoints and statements already signed over them. Second, a comment
 * may hold 20,000 characters (MAX_COMMENT_LENGTH), not 10,000.
 */
export class InternalAuditContentAndLongerComments1765630000000 implements MigrationInterface {
  name = 'InternalAuditContentAndLongerComments1765630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_withheld_content (
        seq bigint PRIMARY KEY REFERENCES audit_record(seq),
        content jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TRIGGER audit_withheld_content_no_update BEFORE UPDATE OR DELETE ON audit_withheld_content
      FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_withheld_content_no_truncate BEFORE TRUNCATE ON audit_withheld_content
      FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()`);
    await this.commentLength(q, 20000, '');
  }

  /** The body's CHECK (char_length, as MAX_COMMENT_LENGTH counts); `NOT VALID` leaves rows as they are. */
  private async commentLength(q: QueryRunner, max: number, validity: string): Promise<void> {
    await q.query(
      `ALTER TABLE conversation_comment DROP CONSTRAINT conversation_comment_body_check`,
    );
    await q.query(
      `ALTER TABLE conversation_comment ADD CONSTRAINT conversation_comment_body_check CHECK (char_length(body) BETWEEN 1 AND ${max})${validity}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Longer comments written meanwhile stay; new ones are held to 10,000 again.
    await this.commentLength(q, 10000, ' NOT VALID');
    await q.query(`DROP TABLE audit_withheld_content`);
  }
}
