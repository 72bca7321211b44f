import { MigrationInterface, QueryRunner } from 'typeorm';

/** Endpoint groups and their policies, site bandwidth for update waves, the tuning log and mode switches. */
export class CreateRolloutPlanning1764720000000 implements MigrationInterface {
  name = 'CreateRolloutPlanning1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE endpoint_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        kind text NOT NULL CHECK (kind IN ('evaluation', 'production')),
        priority integer NOT NULL CHECK (priority BETWEEN 0 AND 100000),
        rule jsonb,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Rule groups resolve first-match by priority, so a priority is taken once per engagement.
    await q.query(
      `CREATE UNIQUE INDEX endpoint_group_priority ON endpoint_group (engagement_id, priority)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX endpoint_group_name ON endpoint_group (engagement_id, lower(name))`,
    );
    await q.query(`
      CREATE TABLE endpoint_group_member (
        group_id uuid NOT NULL REFERENCES endpoint_group(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES endpoint(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, endpoint_id)
      )`);
    await q.query(
      `CREATE INDEX endpoint_group_member_endpoint ON endpoint_group_member (endpoint_id)`,
    );
    await q.query(`
      CREATE TABLE group_policy (
        group_id uuid PRIMARY KEY REFERENCES endpoint_group(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        mode text NOT NULL CHECK (mode IN ('detect', 'block')),
        mode_since timestamptz NOT NULL,
        mode_source text NOT NULL CHECK (mode_source IN ('design', 'switch')),
        quarantine boolean NOT NULL,
        updates text NOT NULL CHECK (updates IN ('automatic', 'manual')),
        max_concurrent_updates integer NOT NULL CHECK (max_concurrent_updates BETWEEN 1 AND 100000),
        updated_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE mode_switch_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        group_id uuid NOT NULL REFERENCES endpoint_group(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
        note text,
        requested_by uuid NOT NULL REFERENCES app_user(id),
        requested_at timestamptz NOT NULL,
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        rejection_reason text
      )`);
    await q.query(
      `CREATE UNIQUE INDEX mode_switch_one_open ON mode_switch_request (group_id) WHERE status = 'requested'`,
    );
    await q.query(`
      CREATE TABLE policy_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        group_id uuid NOT NULL REFERENCES endpoint_group(id) ON DELETE CASCADE,
        mode_switch_request_id uuid REFERENCES mode_switch_request(id),
        before jsonb,
        after jsonb NOT NULL,
        changed_by uuid NOT NULL REFERENCES app_user(id),
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX policy_change_group ON policy_change (group_id, changed_at)`);
    await q.query(`
      CREATE TABLE site_bandwidth (
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        site text NOT NULL CHECK (length(site) BETWEEN 1 AND 200),
        link_mbps double precision NOT NULL CHECK (link_mbps > 0),
        update_share_percent double precision NOT NULL CHECK (update_share_percent > 0 AND update_share_percent <= 100),
        peak_use_mbps double precision NOT NULL CHECK (peak_use_mbps >= 0),
        package_size_mb double precision NOT NULL CHECK (package_size_mb > 0),
        download_mbps double precision NOT NULL CHECK (download_mbps > 0),
        updated_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (engagement_id, site)
      )`);
    await q.query(`
      CREATE TABLE tuning_log_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        group_id uuid NOT NULL REFERENCES endpoint_group(id) ON DELETE CASCADE,
        endpoint_id uuid REFERENCES endpoint(id) ON DELETE SET NULL,
        detection_name text NOT NULL CHECK (length(detection_name) BETWEEN 1 AND 300),
        process text NOT NULL CHECK (length(process) BETWEEN 1 AND 500),
        decision text CHECK (decision IN ('exclusion', 'allow', 'fix')),
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        note text,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A closed entry says what was decided.
        CHECK (status = 'open' OR decision IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX tuning_log_group_status ON tuning_log_entry (group_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'tuning_log_entry',
      'site_bandwidth',
      'policy_change',
      'mode_switch_request',
      'group_policy',
      'endpoint_group_member',
      'endpoint_group',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
