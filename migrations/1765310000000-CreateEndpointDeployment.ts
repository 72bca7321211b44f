import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sensor's deployment per endpoint: deployed, failed or excused (with a reason), the wave it
 * was in, who recorded it and when. Referenced by (engagement, endpoint) like every table that
 * names an endpoint; an endpoint that goes takes its record with it.
 */
export class CreateEndpointDeployment1765310000000 implements MigrationInterface {
  name = 'CreateEndpointDeployment1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE endpoint_deployment (
        engagement_id uuid NOT NULL REFERENCES engagement(id),
        endpoint_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('deployed', 'failed', 'excused')),
        reason text CHECK (length(reason) BETWEEN 1 AND 2000),
        site text NOT NULL,
        wave int CHECK (wave >= 1),
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (engagement_id, endpoint_id),
        CONSTRAINT endpoint_deployment_endpoint_fkey FOREIGN KEY (engagement_id, endpoint_id) REFERENCES endpoint (engagement_id, id) ON DELETE CASCADE,
        CONSTRAINT endpoint_deployment_excuse_reason CHECK (status <> 'excused' OR reason IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE endpoint_deployment`);
  }
}
