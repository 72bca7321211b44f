import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which EDR product and console tenant an engagement runs on (support matrix, domain authorisation). */
export class AddEngagementEdr1764450000000 implements MigrationInterface {
  name = 'AddEngagementEdr1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE engagement ADD COLUMN edr_product text NOT NULL DEFAULT 'example-edr'`,
    );
    await q.query(`ALTER TABLE engagement ADD COLUMN edr_tenant text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE engagement DROP COLUMN edr_tenant`);
    await q.query(`ALTER TABLE engagement DROP COLUMN edr_product`);
  }
}
