import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overview's overdue counts by party now name who is waited on (workflow `waitedOn`): an
 * approval awaiting its proposer's (new) proposal counts for the proposer. Which steps those are
 * depends on the step's key and state, so the covering index of waiting steps by due day carries
 * them too and the count stays an index-only scan; only the few steps with a proposer look up their
 * onboarding's template and newest proposal. Same key and predicate as the index it replaces.
 */
export class CoverWaitedOnOverdue1765750000000 implements MigrationInterface {
  name = 'CoverWaitedOnOverdue1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX onboarding_step_waiting_due_key_idx ON onboarding_step (due_at) INCLUDE (onboarding_id, party, key, state) WHERE state IN ('open', 'stale', 'rejected')`,
    );
    await q.query(`DROP INDEX onboarding_step_waiting_due_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX onboarding_step_waiting_due_idx ON onboarding_step (due_at) INCLUDE (onboarding_id, party) WHERE state IN ('open', 'stale', 'rejected')`,
    );
    await q.query(`DROP INDEX onboarding_step_waiting_due_key_idx`);
  }
}
