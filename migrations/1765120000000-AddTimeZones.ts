import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Times are shown in the reader's time zone: a person may choose one; otherwise their country's
 * (as staff of one country), else their organisation's, else the organisation's country's.
 */
export class AddTimeZones1765120000000 implements MigrationInterface {
  name = 'AddTimeZones1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organisation ADD COLUMN country_code text CHECK (country_code ~ '^[A-Z]{2}$')`,
    );
    await q.query(
      `ALTER TABLE organisation ADD COLUMN time_zone text CHECK (length(time_zone) BETWEEN 1 AND 64)`,
    );
    await q.query(
      `ALTER TABLE app_user ADD COLUMN time_zone text CHECK (length(time_zone) BETWEEN 1 AND 64)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN time_zone`);
    await q.query(`ALTER TABLE organisation DROP COLUMN time_zone`);
    await q.query(`ALTER TABLE organisation DROP COLUMN country_code`);
  }
}
