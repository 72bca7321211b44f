import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proposals of configuration steps are snapshots the server takes of the engagement's plan:
 * `kind` tells them from free-form content, `note` is the proposer's word to the approver, and
 * a pending proposal that the configuration has moved away from is marked `outdated_at` with
 * what changed (`outdated_changes`: `{ ja, en, zh }` summaries), so the page, the gate and the
 * approver's mail can say so without taking the snapshot again.
 */
export class AddProposalSnapshots1765130000000 implements MigrationInterface {
  name = 'AddProposalSnapshots1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE step_submission
        ADD COLUMN kind text NOT NULL DEFAULT 'content' CHECK (kind IN ('content', 'snapshot')),
        ADD COLUMN note text,
        ADD COLUMN outdated_at timestamptz,
        ADD COLUMN outdated_changes jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE step_submission
        DROP COLUMN outdated_changes,
        DROP COLUMN outdated_at,
        DROP COLUMN note,
        DROP COLUMN kind`);
  }
}
