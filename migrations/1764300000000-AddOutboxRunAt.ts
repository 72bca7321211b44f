import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delayed and deduplicated outbox messages (libs/notify): `run_at` is when the job should run
 * (the relay enqueues it at once with a BullMQ delay, so it waits in Redis or, embedded, in
 * PostgreSQL, and survives a worker restart); `dedupe_key` lets a message be written at most
 * once, e.g. reminder number n of one opening of one step, however many workers try.
 */
export class AddOutboxRunAt1764300000000 implements MigrationInterface {
  name = 'AddOutboxRunAt1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox_message ADD COLUMN run_at timestamptz NULL');
    await queryRunner.query('ALTER TABLE outbox_message ADD COLUMN dedupe_key text NULL');
    // NULLs are distinct, so only keyed messages are constrained.
    await queryRunner.query(
      'CREATE UNIQUE INDEX outbox_message_dedupe_key_idx ON outbox_message (dedupe_key)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX outbox_message_dedupe_key_idx');
    await queryRunner.query('ALTER TABLE outbox_message DROP COLUMN dedupe_key');
    await queryRunner.query('ALTER TABLE outbox_message DROP COLUMN run_at');
  }
}
