import { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox, the sent-notification ledger and the dev mailbox (libs/notify). */
export class CreateNotifyTables1764100000000 implements MigrationInterface {
  name = 'CreateNotifyTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL
      )`);
    // The relay only ever looks for pending rows; keep that lookup small as the table grows.
    await queryRunner.query(`
      CREATE INDEX outbox_message_pending_idx ON outbox_message (available_at, created_at)
        WHERE dispatched_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE sent_notification (
        outbox_id uuid PRIMARY KEY,
        job_name text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE dev_mailbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "to" text NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        "text" text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX dev_mailbox_message_created_at_idx ON dev_mailbox_message (created_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dev_mailbox_message');
    await queryRunner.query('DROP TABLE sent_notification');
    await queryRunner.query('DROP TABLE outbox_message');
  }
}
