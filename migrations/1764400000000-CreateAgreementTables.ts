import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgreementTables1764400000000 implements MigrationInterface {
  name = 'CreateAgreementTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE engagement_document_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        kind text NOT NULL CHECK (kind IN ('service_agreement', 'peacetime_runbook', 'incident_runbook')),
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft', 'proposed', 'approved', 'rejected', 'superseded')),
        content jsonb NOT NULL,
        content_sha256 text NOT NULL,
        language text NOT NULL CHECK (language IN ('ja', 'en', 'zh')),
        document_html text NOT NULL,
        document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        language_sha256 text,
        agreement_version int,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        proposed_by uuid REFERENCES app_user(id),
        proposed_at timestamptz,
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        rejection_reason text,
        superseded_by_version int,
        superseded_at timestamptz,
        revision int NOT NULL DEFAULT 1,
        UNIQUE (engagement_id, kind, version)
      )`);
    // At most one open draft, and at most one proposed-or-approved (current) version, per document.
    await q.query(`
      CREATE UNIQUE INDEX engagement_document_version_one_draft
        ON engagement_document_version (engagement_id, kind) WHERE status = 'draft'`);
    await q.query(`
      CREATE UNIQUE INDEX engagement_document_version_one_current
        ON engagement_document_version (engagement_id, kind) WHERE status IN ('proposed', 'approved')`);
    await q.query(`
      CREATE TABLE provider_service_catalogue (
        provider_organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
        content jsonb NOT NULL,
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        revision int NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provider_service_catalogue`);
    await q.query(`DROP TABLE engagement_document_version`);
  }
}
