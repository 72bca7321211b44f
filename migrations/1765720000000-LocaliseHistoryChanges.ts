import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An onboarding event that says what changed in a configuration (an approval gone stale, a
 * proposal outdated) keeps it in each language (`details`), so the history is read in the
 * reader's language rather than as the English `reason` written for the audit. Events written
 * before are filled in where their English text is still recorded on the proposal it outdated
 * (`step_submission.outdated_changes`, same words); the others keep showing their stored reason.
 * `down` drops the column (the stored English reasons are untouched).
 */
export class LocaliseHistoryChanges1765720000000 implements MigrationInterface {
  name = 'LocaliseHistoryChanges1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE onboarding_event ADD COLUMN details jsonb NULL`);
    await q.query(`
      UPDATE onboarding_event ev
         SET details = CASE WHEN ev.action = 'stale'
                            THEN jsonb_build_object('changes', sub.outdated_changes)
                            ELSE jsonb_build_object('changes', sub.outdated_changes, 'proposalVersion', sub.version) END
        FROM step_submission sub
       WHERE sub.onboarding_id = ev.onboarding_id AND sub.step_key = ev.step_key
         AND sub.outdated_changes IS NOT NULL
         AND ((ev.action = 'stale'
               AND ev.reason = 'what you approved changed: ' || (sub.outdated_changes ->> 'en'))
           OR (ev.action = 'proposal_outdated'
               AND ev.reason = 'the configuration changed after proposal v' || sub.version
                               || ' was taken: ' || (sub.outdated_changes ->> 'en')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE onboarding_event DROP COLUMN details`);
  }
}
