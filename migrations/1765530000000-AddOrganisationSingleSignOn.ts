import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in through an organisation's own OpenID Connect provider: its settings (the client
 * secret sealed, see OidcClientSecrets), the email domains that route to it (a domain belongs to
 * one organisation at most: the primary key), the pending sign-ins (state hashed, single-use,
 * expiring), the link of a person to their subject at the provider, and how each session was
 * signed in (`auth_method`: 'sso' through the provider; 'password' for every session before this one).
 */
export class AddOrganisationSingleSignOn1765530000000 implements MigrationInterface {
  name = 'AddOrganisationSingleSignOn1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_sso (
        organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret_sealed text NOT NULL,
        password_sign_in_disabled boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE organisation_sso_domain (
        domain text PRIMARY KEY CHECK (domain = lower(domain)),
        organisation_id uuid NOT NULL REFERENCES organisation_sso(organisation_id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX organisation_sso_domain_organisation_idx ON organisation_sso_domain (organisation_id)`,
    );
    await q.query(`
      CREATE TABLE sso_sign_in_attempt (
        state_hash text PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE user_sso_link (
        user_id uuid PRIMARY KEY REFERENCES app_user(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        subject text NOT NULL,
        linked_at timestamptz NOT NULL,
        UNIQUE (organisation_id, subject)
      )`);
    await q.query(
      `ALTER TABLE user_session ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'sso'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_session DROP COLUMN auth_method`);
    await q.query(`DROP TABLE user_sso_link`);
    await q.query(`DROP TABLE sso_sign_in_attempt`);
    await q.query(`DROP TABLE organisation_sso_domain`);
    await q.query(`DROP TABLE organisation_sso`);
  }
}
