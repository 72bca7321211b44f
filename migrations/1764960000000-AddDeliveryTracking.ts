import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `completed_at` on outbox messages (libs/notify): set by the job processor once the handler
 * succeeded. A message dispatched long ago and still not completed may have been lost by the
 * queue backend (Redis restarted without persistence); the relay's reconciliation pass enqueues
 * it again. The partial index holds only those candidates, so the pass stays cheap.
 *
 * `sending_until` on the notification ledger: a row with it set is a send in progress (claimed
 * until then), so a second run of the same notification at the same moment (a job redelivered
 * to another worker while the first still runs) waits instead of sending it again.
 */
export class AddDeliveryTracking1764960000000 implements MigrationInterface {
  name = 'AddDeliveryTracking1764960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox_message ADD COLUMN completed_at timestamptz NULL');
    // Messages relayed before this column existed are taken as done, as they were before.
    await queryRunner.query(
      'UPDATE outbox_message SET completed_at = dispatched_at WHERE dispatched_at IS NOT NULL',
    );
    await queryRunner.query(`
      CREATE INDEX outbox_message_unfinished_idx ON outbox_message (dispatched_at)
      WHERE dispatched_at IS NOT NULL AND completed_at IS NULL`);
    await queryRunner.query(
      'ALTER TABLE sent_notification ADD COLUMN sending_until timestamptz NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM sent_notification WHERE sending_until IS NOT NULL');
    await queryRunner.query('ALTER TABLE sent_notification DROP COLUMN sending_until');
    await queryRunner.query('DROP INDEX outbox_message_unfinished_idx');
    await queryRunner.query('ALTER TABLE outbox_message DROP COLUMN completed_at');
  }
}
