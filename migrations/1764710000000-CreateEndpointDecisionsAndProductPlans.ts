import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEndpointDecisionsAndProductPlans1764710000000 implements MigrationInterface {
  name = 'CreateEndpointDecisionsAndProductPlans1764710000000';

  async up(q: QueryRunner): Promise<void> {
    // Hostname prefix search (q=) on the endpoint list.
    await q.query(
      `CREATE INDEX endpoint_engagement_hostname_prefix ON endpoint (engagement_id, lower(hostname) text_pattern_ops)`,
    );
    await q.query(`
      CREATE TABLE endpoint_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        kind text NOT NULL CHECK (kind IN ('upgrade', 'exclude', 'accept_risk')),
        upgrade_by date,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        status text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
        selection jsonb NOT NULL,
        endpoint_count int NOT NULL CHECK (endpoint_count > 0),
        proposed_by uuid NOT NULL REFERENCES app_user(id),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        rejection_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'upgrade') = (upgrade_by IS NOT NULL)),
        CHECK ((status = 'proposed') = (decided_by IS NULL))
      )`);
    await q.query(
      `CREATE INDEX endpoint_decision_engagement ON endpoint_decision (engagement_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE endpoint_decision_endpoint (
        decision_id uuid NOT NULL REFERENCES endpoint_decision(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES endpoint(id) ON DELETE CASCADE,
        PRIMARY KEY (decision_id, endpoint_id)
      )`);
    await q.query(
      `CREATE INDEX endpoint_decision_endpoint_endpoint ON endpoint_decision_endpoint (endpoint_id)`,
    );
    await q.query(`
      CREATE TABLE security_product_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        product text NOT NULL CHECK (length(product) BETWEEN 1 AND 200),
        action text NOT NULL CHECK (action IN ('coexist', 'remove')),
        remove_phase text CHECK (remove_phase IN ('introduction', 'pre_production', 'production')),
        quarantines boolean NOT NULL,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        updated_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((action = 'remove') = (remove_phase IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX security_product_plan_engagement_product ON security_product_plan (engagement_id, lower(product))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE security_product_plan`);
    await q.query(`DROP TABLE endpoint_decision_endpoint`);
    await q.query(`DROP TABLE endpoint_decision`);
    await q.query(`DROP INDEX endpoint_engagement_hostname_prefix`);
  }
}
