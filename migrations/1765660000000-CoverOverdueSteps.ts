import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waiting steps by due day now also carry their onboarding and party, so the overview's
 * overdue counts by party (its summary chart, over every step of every onboarding a reader
 * follows) are read from the index alone instead of visiting each step's row. Same key and
 * predicate as the index it replaces, so every query that used that one uses this one.
 */
export class CoverOverdueSteps1765660000000 implements MigrationInterface {
  name = 'CoverOverdueSteps1765660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX onboarding_step_waiting_due_idx ON onboarding_step (due_at) INCLUDE (onboarding_id, party) WHERE state IN ('open', 'stale', 'rejected')`,
    );
    await q.query(`DROP INDEX onboarding_step_open_due_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX onboarding_step_open_due_idx ON onboarding_step (due_at) WHERE state IN ('open', 'stale', 'rejected')`,
    );
    await q.query(`DROP INDEX onboarding_step_waiting_due_idx`);
  }
}
