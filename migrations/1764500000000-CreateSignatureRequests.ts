import { MigrationInterface, QueryRunner } from 'typeorm';

/** Signature requests for the domain authorisation, and every event of each (the audit trail of its certificate). */
export class CreateSignatureRequests1764500000000 implements MigrationInterface {
  name = 'CreateSignatureRequests1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signature_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        onboarding_id uuid NOT NULL REFERENCES onboarding(id),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        step_key text NOT NULL,
        document_kind text NOT NULL CHECK (document_kind IN ('authorisation_letter', 'agreement_version')),
        document_version_id uuid REFERENCES engagement_document_version(id),
        document_title text NOT NULL,
        document_html text NOT NULL,
        document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        language text NOT NULL CHECK (language IN ('ja', 'en', 'zh')),
        signer_user_id uuid REFERENCES app_user(id),
        signer_name text NOT NULL,
        signer_email text NOT NULL,
        signer_language text NOT NULL CHECK (signer_language IN ('ja', 'en', 'zh')),
        status text NOT NULL CHECK (status IN ('pending', 'signed', 'declined', 'revoked', 'invalidated')),
        requested_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        code_hash text,
        code_expires_at timestamptz,
        code_attempts int NOT NULL DEFAULT 0 CHECK (code_attempts >= 0),
        typed_name text,
        signed_at timestamptz,
        decline_reason text,
        decided_at timestamptz,
        revoked_by uuid REFERENCES app_user(id),
        revoked_at timestamptz,
        revoke_reason text,
        invalidated_at timestamptz,
        revision int NOT NULL DEFAULT 1,
        CHECK (document_kind = 'authorisation_letter' OR document_version_id IS NOT NULL),
        CHECK (status <> 'signed' OR (typed_name IS NOT NULL AND signed_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX signature_request_onboarding ON signature_request (onboarding_id, created_at)`,
    );
    await q.query(
      `CREATE INDEX signature_request_engagement ON signature_request (engagement_id, status)`,
    );
    await q.query(`
      CREATE TABLE signature_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES signature_request(id),
        seq int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('requested', 'viewed', 'code_sent', 'code_failed', 'authenticated', 'signed', 'declined', 'revoked', 'invalidated')),
        at timestamptz NOT NULL,
        actor_user_id uuid REFERENCES app_user(id),
        actor_name text,
        actor_email text,
        ip text,
        user_agent text,
        auth_method text CHECK (auth_method IN ('password', 'email_code')),
        typed_name text,
        document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        detail text,
        UNIQUE (request_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signature_event`);
    await q.query(`DROP TABLE signature_request`);
  }
}
