import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityAndAudit1764000000000 implements MigrationInterface {
  name = 'CreateIdentityAndAudit1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('customer', 'provider')),
        name text NOT NULL,
        language text NOT NULL CHECK (language IN ('ja', 'en', 'zh')),
        email_domains text[] NOT NULL DEFAULT '{}',
        created_by_organisation_id uuid REFERENCES organisation(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid REFERENCES organisation(id),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        language text NOT NULL CHECK (language IN ('ja', 'en', 'zh')),
        password_hash text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisation(id),
        role text NOT NULL CHECK (role IN ('customer_security_lead', 'customer_it', 'provider_analyst',
          'provider_lead', 'account_manager', 'platform_admin')),
        country_code text CHECK (country_code ~ '^[A-Z]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX membership_user_idx ON membership (user_id)`);
    await q.query(`
      CREATE TABLE engagement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_organisation_id uuid NOT NULL REFERENCES organisation(id),
        provider_organisation_id uuid NOT NULL REFERENCES organisation(id),
        name text NOT NULL,
        status text NOT NULL DEFAULT 'onboarding' CHECK (status IN ('onboarding', 'active', 'ended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (customer_organisation_id, provider_organisation_id)
      )`);
    await q.query(`CREATE INDEX engagement_provider_idx ON engagement (provider_organisation_id)`);
    await q.query(`
      CREATE TABLE engagement_assignment (
        engagement_id uuid NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (engagement_id, user_id)
      )`);
    await q.query(`CREATE INDEX engagement_assignment_user_idx ON engagement_assignment (user_id)`);
    await q.query(`
      CREATE TABLE login_failure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failure_email_idx ON login_failure (email, created_at)`);
    await q.query(`
      CREATE TABLE one_time_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        recipient text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_record (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_organisation_id uuid,
        actor_ip text,
        actor_user_agent text,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        organisation_id uuid,
        engagement_id uuid,
        changes jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX audit_record_subject_idx ON audit_record (subject_type, subject_id)`,
    );
    await q.query(`CREATE INDEX audit_record_engagement_idx ON audit_record (engagement_id)`);
    await q.query(`CREATE INDEX audit_record_organisation_idx ON audit_record (organisation_id)`);
    // Append-only: the application never updates or deletes audit records.
    await q.query(`
      CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_record is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_record_no_update BEFORE UPDATE OR DELETE ON audit_record
      FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
      FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_record`);
    await q.query(`DROP FUNCTION audit_record_append_only`);
    await q.query(`DROP TABLE one_time_token`);
    await q.query(`DROP TABLE login_failure`);
    await q.query(`DROP TABLE engagement_assignment`);
    await q.query(`DROP TABLE engagement`);
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organisation`);
  }
}
