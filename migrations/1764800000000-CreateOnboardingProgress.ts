import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each onboarding's overview figures, kept with every step change (see ProgressKeeper). */
export class CreateOnboardingProgress1764800000000 implements MigrationInterface {
  name = 'CreateOnboardingProgress1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE onboarding_progress (
        onboarding_id uuid PRIMARY KEY REFERENCES onboarding(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        customer_organisation_id uuid NOT NULL REFERENCES organisation(id),
        provider_organisation_id uuid NOT NULL REFERENCES organisation(id),
        status text NOT NULL CHECK (status IN ('in_progress', 'active')),
        phase text NOT NULL CHECK (phase IN ('introduction', 'pre_production', 'production')),
        phase_entered_at timestamptz NOT NULL,
        planned_start_date date NOT NULL,
        steps_total int NOT NULL CHECK (steps_total >= 0),
        required_total int NOT NULL CHECK (required_total >= 0),
        required_done int NOT NULL CHECK (required_done BETWEEN 0 AND required_total),
        percent_done int NOT NULL CHECK (percent_done BETWEEN 0 AND 100),
        waiting_on_customer int NOT NULL CHECK (waiting_on_customer >= 0),
        waiting_on_provider int NOT NULL CHECK (waiting_on_provider >= 0),
        next_due_at timestamptz,
        blockers jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One index per sort key of the overview (ending in the id that breaks ties), so a page walks
    // the index in order, checks each row's scope, and stops after its rows.
    await q.query(
      `CREATE INDEX onboarding_progress_next_due ON onboarding_progress (next_due_at, onboarding_id)`,
    );
    await q.query(
      `CREATE INDEX onboarding_progress_percent ON onboarding_progress (percent_done, onboarding_id)`,
    );
    await q.query(
      `CREATE INDEX onboarding_progress_phase_entered ON onboarding_progress (phase_entered_at, onboarding_id)`,
    );
    await q.query(
      `CREATE INDEX onboarding_progress_planned_start ON onboarding_progress (planned_start_date, onboarding_id)`,
    );
    await q.query(
      `CREATE INDEX onboarding_progress_engagement ON onboarding_progress (engagement_id)`,
    );
    // Onboardings that exist already get their figures from their steps.
    await q.query(`
      INSERT INTO onboarding_progress (
        onboarding_id, engagement_id, customer_organisation_id, provider_organisation_id, status, phase,
        phase_entered_at, planned_start_date, steps_total, required_total, required_done, percent_done,
        waiting_on_customer, waiting_on_provider, next_due_at, blockers)
      SELECT o.id, e.id, e.customer_organisation_id, e.provider_organisation_id, o.status, o.current_phase,
             now(), o.planned_start_date, f.steps_total, f.required_total, f.required_done,
             CASE WHEN f.required_total = 0 THEN 100 ELSE (f.required_done * 100) / f.required_total END,
             f.waiting_on_customer, f.waiting_on_provider, f.next_due_at, f.blockers
        FROM onboarding o
        JOIN engagement e ON e.id = o.engagement_id
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS steps_total,
                 (count(*) FILTER (WHERE s.required_for_start))::int AS required_total,
                 (count(*) FILTER (WHERE s.required_for_start AND s.state IN ('done', 'waived')))::int AS required_done,
                 (count(*) FILTER (WHERE s.required_for_start AND s.state IN ('open', 'stale', 'rejected') AND s.party = 'customer'))::int AS waiting_on_customer,
                 (count(*) FILTER (WHERE s.required_for_start AND s.state IN ('open', 'stale', 'rejected') AND s.party = 'provider'))::int AS waiting_on_provider,
                 min(s.due_at) FILTER (WHERE s.required_for_start AND s.state IN ('open', 'stale', 'rejected')) AS next_due_at,
                 coalesce((SELECT jsonb_agg(jsonb_build_object('key', b.key, 'party', b.party, 'role', b.role, 'state', b.state,
                                    'dueAt', to_char(b.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY b.due_at, b.position)
                             FROM (SELECT * FROM onboarding_step b WHERE b.onboarding_id = o.id AND b.required_for_start
                                     AND b.state IN ('open', 'stale', 'rejected') ORDER BY b.due_at, b.position LIMIT 5) b), '[]') AS blockers
            FROM onboarding_step s WHERE s.onboarding_id = o.id) f`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE onboarding_progress`);
  }
}
