import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an internal audit record (an internal comment, an internal file) withholds from its
 * chain: the chain carries `{ visibility: 'internal', contentSha256 }`, this table the salted
 * changes that hash to it, for those who may read internal content. Append-only like the log.
 * Records written before this change keep the changes they were hashed with: rewriting them
 * would contradict the checkpoints and statements already signed over them.
 */
export class WithholdInternalAuditContent1765630000000 implements MigrationInterface {
  name = 'WithholdInternalAuditContent1765630000000';

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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_withheld_content`);
  }
}
