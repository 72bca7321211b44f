import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys for integrations: an organisation's (optionally one engagement's), named, scoped,
 * expiring and revocable. Only the SHA-256 of the secret is stored: the secret is 256 random
 * bits, so a fast hash is enough (no dictionary to try), and the lookup by hash is one index read.
 */
export class CreateApiKeys1765500000000 implements MigrationInterface {
  name = 'CreateApiKeys1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        engagement_id uuid REFERENCES engagement(id),
        name text NOT NULL,
        display_prefix text NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        created_by_user_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by_user_id uuid REFERENCES app_user(id),
        last_used_at timestamptz,
        last_used_ip text
      )`);
    await q.query(`CREATE INDEX api_key_organisation_idx ON api_key (organisation_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_key`);
  }
}
