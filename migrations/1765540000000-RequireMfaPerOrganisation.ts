import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's MFA policy: when on, every one of its people must have a second factor;
 * one who has none signs in only to set one up. Off for every existing organisation.
 */
export class RequireMfaPerOrganisation1765540000000 implements MigrationInterface {
  name = 'RequireMfaPerOrganisation1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation ADD COLUMN require_mfa boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation DROP COLUMN require_mfa`);
  }
}
