import { MigrationInterface, QueryRunner } from 'typeorm';

/** Domain-permission email requests, the engagement's DNS TXT secret and DNS check results. */
export class CreateDomainConfirmations1764600000000 implements MigrationInterface {
  name = 'CreateDomainConfirmations1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE domain_confirmation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        onboarding_id uuid NOT NULL REFERENCES onboarding(id),
        step_id uuid NOT NULL REFERENCES onboarding_step(id),
        recipient text NOT NULL CHECK (recipient = lower(recipient)),
        language text NOT NULL CHECK (language IN ('ja', 'en', 'zh')),
        statement text NOT NULL,
        content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
        message_id text NOT NULL UNIQUE,
        reference_code text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'confirmed', 'declined', 'superseded')),
        confirmed_via text CHECK (confirmed_via IN ('link', 'reply')),
        requested_by uuid NOT NULL REFERENCES app_user(id),
        replaces_id uuid REFERENCES domain_confirmation(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        mailed_at timestamptz,
        expires_at timestamptz,
        decided_at timestamptz,
        CHECK ((status = 'confirmed') = (confirmed_via IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX domain_confirmation_onboarding ON domain_confirmation (onboarding_id, recipient)`,
    );
    await q.query(`
      CREATE TABLE domain_dns_secret (
        engagement_id uuid PRIMARY KEY REFERENCES engagement(id),
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE domain_dns_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        onboarding_id uuid NOT NULL REFERENCES onboarding(id),
        domain text NOT NULL,
        passed boolean NOT NULL,
        detail text,
        checked_by uuid NOT NULL REFERENCES app_user(id),
        checked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX domain_dns_check_onboarding ON domain_dns_check (onboarding_id, checked_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE domain_dns_check`);
    await q.query(`DROP TABLE domain_dns_secret`);
    await q.query(`DROP TABLE domain_confirmation`);
  }
}
