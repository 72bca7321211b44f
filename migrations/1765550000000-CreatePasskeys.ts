import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passkeys (WebAuthn): a person's registered credentials (public key, signature counter, name)
 * and the challenges the server issued for them, kept as SHA-256, single-use and expiring. The
 * signature evidence may now name the factor a signed-in signer re-authenticated with.
 */
export class CreatePasskeys1765550000000 implements MigrationInterface {
  name = 'CreatePasskeys1765550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_passkey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        sign_count bigint NOT NULL CHECK (sign_count >= 0),
        transports text[] NOT NULL DEFAULT '{}',
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_passkey_user_idx ON user_passkey (user_id)`);
    await q.query(`
      CREATE TABLE webauthn_challenge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid REFERENCES app_user(id),
        purpose text NOT NULL CHECK (purpose IN ('registration', 'sign_in', 'passwordless', 'step_up')),
        challenge_hash text NOT NULL UNIQUE CHECK (challenge_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX webauthn_challenge_user_idx ON webauthn_challenge (user_id, expires_at)`,
    );
    await q.query(
      `ALTER TABLE signature_event DROP CONSTRAINT IF EXISTS signature_event_auth_method_check`,
    );
    await q.query(
      `ALTER TABLE signature_event ADD CONSTRAINT signature_event_auth_method_check CHECK (auth_method IN ('password', 'email_code', 'totp', 'recovery_code', 'passkey'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signature_event DROP CONSTRAINT signature_event_auth_method_check`);
    await q.query(
      `ALTER TABLE signature_event ADD CONSTRAINT signature_event_auth_method_check CHECK (auth_method IN ('password', 'email_code'))`,
    );
    await q.query(`DROP TABLE webauthn_challenge`);
    await q.query(`DROP TABLE user_passkey`);
  }
}
