import type { PoolClient } from 'pg';
import type { CopyTarget } from './copy-row-sink';

/**
 * Memory for building a new partition's indexes: enough to sort 200k rows in memory and to let
 * PostgreSQL give each build parallel workers (each needs 32 MB of it), for this transaction only.
 */
const INDEX_BUILD_MEMORY = '128MB';

/**
 * Where a server-mode import's rows go. Each engagement's endpoints are a partition of `endpoint`
 * (see the PartitionEndpointsByEngagement migration, which holds the partition functions):
 * - the engagement has endpoints: they are staged, then merged (with the partition's row estimate,
 *   which decides how many rows wait before they are compared: see ReimportCopySink);
 * - it has its partition but no endpoints: straight into `endpoint`;
 * - it has no partition (a new engagement's first import): into a table prepared as its
 *   partition, with no index to maintain while rows arrive; finishNewPartition attaches it.
 * Runs under the import's per-engagement lock, so the answer holds until commit.
 */
export async function copyTargetFor(client: PoolClient, engagementId: string): Promise<CopyTarget> {
  const { rows } = await client.query<{
    partition: string | null;
    any: boolean;
    estimate: number | null;
  }>(
    `SELECT endpoint_partition_of($1)::text AS partition, EXISTS (SELECT 1 FROM endpoint WHERE engagement_id = $1) AS any,
            (SELECT reltuples::float8 FROM pg_class WHERE oid = endpoint_partition_of($1)) AS estimate`,
    [engagementId],
  );
  const [{ partition, any, estimate }] = rows;
  if (any) return { kind: 'stage', storedEstimate: estimate ?? -1 };
  if (partition) return { kind: 'endpoints', table: 'endpoint', engagementId, newPartition: false };
  const prepared = await client.query<{ table: string }>(
    'SELECT endpoint_partition_prepare($1) AS table',
    [engagementId],
  );
  return { kind: 'endpoints', table: prepared.rows[0].table, engagementId, newPartition: true };
}

/** Writers that merge into `endpoint` (rather than load a new partition) need the partition first. */
export async function ensurePartition(client: PoolClient, engagementId: string): Promise<void> {
  await client.query('SELECT endpoint_partition_ensure($1)', [engagementId]);
}

/**
 * Makes a loaded new partition part of `endpoint`: its indexes are built in bulk and its rows'
 * engagement is validated in one query. With no rows it is dropped instead, so that a later
 * import still gets the bulk load.
 */
export async function finishNewPartition(
  client: PoolClient,
  target: CopyTarget,
  rowsLoaded: number,
): Promise<void> {
  if (target.kind !== 'endpoints' || !target.newPartition) return;
  if (rowsLoaded === 0) {
    await client.query(`DROP TABLE ${client.escapeIdentifier(target.table)}`);
    return;
  }
  await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
  await client.query('SELECT endpoint_partition_attach($1)', [target.engagementId]);
}
