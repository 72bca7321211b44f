import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An engagement's onboardings are numbered (1, 2, …) and a later one made after the service
 * started is marked as a re-onboarding, so pages tell them apart and the workflow never mistakes
 * one for another. At most one onboarding per engagement is in progress at a time.
 */
export class NumberOnboardingsPerEngagement1765100000000 implements MigrationInterface {
  name = 'NumberOnboardingsPerEngagement1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE onboarding ADD COLUMN sequence int NOT NULL DEFAULT 1 CHECK (sequence >= 1)`,
    );
    await q.query(
      `ALTER TABLE onboarding ADD COLUMN kind text NOT NULL DEFAULT 'initial' CHECK (kind IN ('initial', 'reonboarding'))`,
    );
    await q.query(`
      UPDATE onboarding o SET sequence = n.sequence, kind = CASE WHEN n.sequence > 1 THEN 'reonboarding' ELSE 'initial' END
        FROM (SELECT id, row_number() OVER (PARTITION BY engagement_id ORDER BY created_at, id)::int AS sequence FROM onboarding) n
       WHERE n.id = o.id`);
    await q.query(`ALTER TABLE onboarding ALTER COLUMN sequence DROP DEFAULT`);
    await q.query(
      `CREATE UNIQUE INDEX onboarding_engagement_sequence ON onboarding (engagement_id, sequence)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX onboarding_engagement_sequence`);
    await q.query(`ALTER TABLE onboarding DROP COLUMN kind`);
    await q.query(`ALTER TABLE onboarding DROP COLUMN sequence`);
  }
}
