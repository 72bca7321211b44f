import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEndpointInventory1764700000000 implements MigrationInterface {
  name = 'CreateEndpointInventory1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        hostname text NOT NULL CHECK (length(hostname) BETWEEN 1 AND 253),
        type text NOT NULL CHECK (type IN ('client', 'server')),
        os_family text NOT NULL CHECK (os_family IN ('windows', 'linux', 'macos')),
        os_version text NOT NULL,
        kernel text,
        site text NOT NULL,
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        existing_product text,
        tags text[] NOT NULL DEFAULT '{}',
        support_status text CHECK (support_status IN ('supported', 'unsupported', 'eol_soon', 'eol')),
        support_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Imports upsert by hostname, case-insensitively.
    await q.query(
      `CREATE UNIQUE INDEX endpoint_engagement_hostname ON endpoint (engagement_id, lower(hostname))`,
    );
    await q.query(`CREATE INDEX endpoint_engagement_site ON endpoint (engagement_id, site)`);
    await q.query(
      `CREATE INDEX endpoint_engagement_support ON endpoint (engagement_id, support_status)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE endpoint`);
  }
}
