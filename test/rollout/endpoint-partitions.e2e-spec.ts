import { Engagement, SYSTEM_ACTOR } from '@app/identity';
import { EndpointImportService, ImportReport } from '@app/rollout';
import { buildDataSourceOptions } from '@app/platform/database/data-source-options';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PartitionEndpointsByEngagement1765000000000 } from '../../migrations/1765000000000-PartitionEndpointsByEngagement';
import { MIGRATIONS } from '../../migrations/index';
import { SCHEMA } from '../../migrations/schema';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, generatedCsv, HEADER } from './support/inventory-csv';

/**
 * Each engagement's endpoints are a partition of `endpoint`; a new engagement's first import
 * loads a partition of its own and attaches it (PartitionEndpointsByEngagement migration).
 */
describe('endpoint partitions: a first import loads its own', () => {
  let t: TestApp;
  let importer: EndpointImportService;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    importer = t.app.get(EndpointImportService);
  });
  afterAll(() => t.close());

  async function newEngagement(): Promise<Engagement> {
    const [customer] = await t.dataSource.query(
      `INSERT INTO organisation (kind, name, language) VALUES ('customer', $1, 'en') RETURNING id`,
      [`C ${randomUUID()}`],
    );
    const [provider] = await t.dataSource.query(
      `INSERT INTO organisation (kind, name, language) VALUES ('provider', $1, 'en') RETURNING id`,
      [`P ${randomUUID()}`],
    );
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO engagement (customer_organisation_id, provider_organisation_id, name) VALUES ($1, $2, 'E') RETURNING id`,
      [customer.id, provider.id],
    );
    return t.dataSource.getRepository(Engagement).findOneByOrFail({ id });
  }

  const importFile = (
    engagement: Engagement,
    source: string | AsyncIterable<string>,
    skipInvalid = false,
  ): Promise<ImportReport> =>
    importer.importEndpoints(
      SYSTEM_ACTOR,
      engagement,
      typeof source === 'string' ? wholeFile(source) : source,
      { skipInvalid, fileName: 'endpoints.csv' },
    );

  const partitionOf = async (engagementId: string): Promise<string | null> =>
    (
      await t.dataSource.query(`SELECT endpoint_partition_of($1)::text AS partition`, [
        engagementId,
      ])
    )[0].partition;
  /** Whether a table of the partition's name exists at all (attached or not). */
  const tableExists = async (engagementId: string): Promise<boolean> =>
    (
      await t.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = endpoint_partition_name($1)) AS found`,
        [engagementId],
      )
    )[0].found;

  async function* wholeFile(text: string): AsyncIterable<string> {
    yield text;
  }

  async function failureOf(
    work: Promise<unknown>,
  ): Promise<{ code?: string; constraint?: string }> {
    try {
      await work;
    } catch (error) {
      return error as { code?: string; constraint?: string };
    }
    throw new Error('expected the import to fail');
  }

  test("a new engagement's first import makes its partition, with endpoint's indexes and foreign key", async () => {
    const engagement = await newEngagement();
    expect(await partitionOf(engagement.id)).toBeNull();
    const report = await importFile(engagement, generatedCsv(500));
    expect(report).toMatchObject({ created: 500, updated: 0 });

    const partition = await partitionOf(engagement.id);
    expect(partition).toBe(`endpoint_${engagement.id.replace(/-/g, '')}`);
    const [{ own }] = await t.dataSource.query(
      `SELECT count(*)::int AS own FROM ONLY ${partition}`,
    );
    expect(own).toBe(500);
    const indexes: { parent: string }[] = await t.dataSource.query(
      `SELECT p.relname AS parent FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid JOIN pg_class p ON p.oid = h.inhparent
       WHERE i.indrelid = $1::regclass ORDER BY 1`,
      [partition],
    );
    expect(indexes.map((i) => i.parent)).toEqual(['endpoint_engagement_hostname', 'endpoint_pkey']);
    const keys: { conname: string }[] = await t.dataSource.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
      [partition],
    );
    expect(keys.map((k) => k.conname)).toEqual(['endpoint_engagement_id_fkey']);
    // The attached unique index holds: the same hostname in another case is refused.
    const duplicate = t.dataSource.query(
      `INSERT INTO endpoint (engagement_id, hostname, type, os_family, os_version, site, country) VALUES ($1, 'GEN-000001', 'client', 'windows', '10', 'HQ', 'JP')`,
      [engagement.id],
    );
    expect(await failureOf(duplicate)).toMatchObject({ code: '23505' });

    // Later imports merge into it.
    const again = await importFile(engagement, generatedCsv(600));
    expect(again).toMatchObject({ created: 100, unchanged: 500 });
    expect(await partitionOf(engagement.id)).toBe(partition);
  });

  test('a refused first import leaves no table behind; one that loads no row makes no partition', async () => {
    const engagement = await newEngagement();
    const refused = await failureOf(
      importFile(
        engagement,
        csv(['ok-1,client,windows,10.0.26100,,HQ,JP,,', 'bad-1,tablet,windows,10,,HQ,JP,,']),
      ),
    );
    expect(refused).toMatchObject({ code: 'IMPORT_ROWS_INVALID' });
    expect(await tableExists(engagement.id)).toBe(false);

    const nothing = await importFile(engagement, csv(['bad-2,tablet,windows,10,,HQ,JP,,']), true);
    expect(nothing).toMatchObject({ valid: 0, created: 0 });
    expect(await tableExists(engagement.id)).toBe(false);

    expect(
      await importFile(engagement, csv(['ok-2,client,windows,10.0.26100,,HQ,JP,,'])),
    ).toMatchObject({ created: 1 });
    expect(await partitionOf(engagement.id)).not.toBeNull();
  });

  test("two new engagements' first imports at once both land (their attaches queue; no deadlock)", async () => {
    const [a, b] = [await newEngagement(), await newEngagement()];
    const body = generatedCsv(20_000);
    const reports = await Promise.all([importFile(a, body), importFile(b, body)]);
    expect(reports.map((r) => r.created)).toEqual([20_000, 20_000]);
    const counts: { engagement_id: string; n: number }[] = await t.dataSource.query(
      `SELECT engagement_id, count(*)::int AS n FROM endpoint WHERE engagement_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [[a.id, b.id]],
    );
    expect(counts).toEqual([a.id, b.id].sort().map((id) => ({ engagement_id: id, n: 20_000 })));
  });

  test("checks against endpoint lock only the engagement's partition, however many engagements there are", async () => {
    const engagements: Engagement[] = [];
    for (let i = 0; i < 40; i += 1) engagements.push(await newEngagement());
    for (const e of engagements)
      await t.dataSource.query(`SELECT endpoint_partition_ensure($1)`, [e.id]);
    const [engagement] = engagements;
    await importFile(engagement, generatedCsv(10));
    const [user] = await t.dataSource.query(
      `INSERT INTO app_user (email, display_name, language) VALUES ($1, 'U', 'en') RETURNING id`,
      [`u-${randomUUID()}@example.com`],
    );
    const [group] = await t.dataSource.query(
      `INSERT INTO endpoint_group (engagement_id, name, kind, priority, created_by) VALUES ($1, 'G', 'evaluation', 1, $2) RETURNING id`,
      [engagement.id, user.id],
    );
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      expect(await runner.query(`SHOW plan_cache_mode`)).toEqual([
        { plan_cache_mode: 'force_custom_plan' },
      ]);
      // More than five runs of a cached plan: the foreign key's check would turn generic, and a
      // generic plan is planned (and locked) over every partition.
      for (let i = 0; i < 8; i += 1) {
        await runner.query(
          `INSERT INTO endpoint_group_member (group_id, engagement_id, endpoint_id)
           SELECT $1, $2, id FROM endpoint WHERE engagement_id = $2 AND hostname = $3`,
          [group.id, engagement.id, `gen-${String(i).padStart(6, '0')}`],
        );
      }
      const [{ partitions }] = await runner.query(
        `SELECT count(DISTINCT l.relation)::int AS partitions FROM pg_locks l JOIN pg_inherits h ON h.inhrelid = l.relation
         WHERE l.pid = pg_backend_pid() AND h.inhparent = 'endpoint'::regclass`,
      );
      expect(partitions).toBe(1);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  test('an engagement deleted while its first import is still reading: the import fails as it attaches, and leaves nothing', async () => {
    const engagement = await newEngagement();
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let started!: () => void;
    const reading = new Promise<void>((resolve) => (started = resolve));
    async function* slowFile(): AsyncIterable<string> {
      yield `${HEADER}\nslow-1,client,windows,10.0.26100,,HQ,JP,,\n`;
      started();
      await resumed;
      yield 'slow-2,client,windows,10.0.26100,,HQ,JP,,\n';
    }
    const importing = failureOf(importFile(engagement, slowFile()));
    await reading;
    // Nothing holds the engagement yet: the new partition is not part of endpoint.
    await t.dataSource.query(`DELETE FROM engagement WHERE id = $1`, [engagement.id]);
    resume();
    expect(await importing).toMatchObject({
      code: '23503',
      constraint: 'endpoint_engagement_id_fkey',
    });
    expect(await tableExists(engagement.id)).toBe(false);
  });
});

describe('PartitionEndpointsByEngagement: existing endpoints and their references move over, and back', () => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions(database.url, SCHEMA, 1));
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    (await db.query(sql, params))[0] as T;
  /** Undoes PartitionEndpointsByEngagement and every migration after it (newest first). */
  const undoPartitioning = async (): Promise<void> => {
    const count =
      MIGRATIONS.length - MIGRATIONS.indexOf(PartitionEndpointsByEngagement1765000000000);
    for (let i = 0; i < count; i += 1) await db.undoLastMigration({ transaction: 'each' });
  };

  test('up moves each engagement into its partition and gives the link tables their engagement; down restores the table', async () => {
    await undoPartitioning();
    expect(await one(`SELECT relkind FROM pg_class WHERE relname = 'endpoint'`)).toEqual({
      relkind: 'r',
    });

    const { id: user } = await one<{ id: string }>(
      `INSERT INTO app_user (email, display_name, language) VALUES ('m@example.com', 'M', 'en') RETURNING id`,
    );
    const { id: provider } = await one<{ id: string }>(
      `INSERT INTO organisation (kind, name, language) VALUES ('provider', 'P', 'en') RETURNING id`,
    );
    const engagements: string[] = [];
    const firstEndpoint: string[] = [];
    for (const n of [1, 2]) {
      const { id: customer } = await one<{ id: string }>(
        `INSERT INTO organisation (kind, name, language) VALUES ('customer', $1, 'en') RETURNING id`,
        [`C${n}`],
      );
      const { id } = await one<{ id: string }>(
        `INSERT INTO engagement (customer_organisation_id, provider_organisation_id, name) VALUES ($1, $2, 'E') RETURNING id`,
        [customer, provider],
      );
      engagements.push(id);
      await db.query(
        `INSERT INTO endpoint (engagement_id, hostname, type, os_family, os_version, site, country) SELECT $1, 'h-' || i, 'client', 'windows', '10', 'HQ', 'JP' FROM generate_series(1, 100 * $2::int) i`,
        [id, n],
      );
      firstEndpoint.push(
        (
          await one<{ id: string }>(
            `SELECT id FROM endpoint WHERE engagement_id = $1 AND hostname = 'h-1'`,
            [id],
          )
        ).id,
      );
    }
    const [a] = engagements;
    const { id: group } = await one<{ id: string }>(
      `INSERT INTO endpoint_group (engagement_id, name, kind, priority, created_by) VALUES ($1, 'G', 'evaluation', 1, $2) RETURNING id`,
      [a, user],
    );
    await db.query(`INSERT INTO endpoint_group_member (group_id, endpoint_id) VALUES ($1, $2)`, [
      group,
      firstEndpoint[0],
    ]);
    const { id: decision } = await one<{ id: string }>(
      `INSERT INTO endpoint_decision (engagement_id, kind, status, selection, endpoint_count, proposed_by) VALUES ($1, 'exclude', 'proposed', '{}', 1, $2) RETURNING id`,
      [a, user],
    );
    await db.query(
      `INSERT INTO endpoint_decision_endpoint (decision_id, endpoint_id) VALUES ($1, $2)`,
      [decision, firstEndpoint[0]],
    );
    await db.query(
      `INSERT INTO tuning_log_entry (engagement_id, group_id, endpoint_id, detection_name, process, status, created_by) VALUES ($1, $2, $3, 'D', 'p.exe', 'open', $4)`,
      [a, group, firstEndpoint[0], user],
    );

    await db.runMigrations({ transaction: 'each' });
    expect(await one(`SELECT relkind FROM pg_class WHERE relname = 'endpoint'`)).toEqual({
      relkind: 'p',
    });
    for (const [i, id] of engagements.entries()) {
      const { partition } = await one<{ partition: string }>(
        `SELECT endpoint_partition_of($1)::text AS partition`,
        [id],
      );
      expect(await one(`SELECT count(*)::int AS n FROM ONLY ${partition}`)).toEqual({
        n: 100 * (i + 1),
      });
    }
    expect(
      await one(`SELECT engagement_id FROM endpoint_group_member WHERE group_id = $1`, [group]),
    ).toEqual({ engagement_id: a });
    expect(
      await one(`SELECT engagement_id FROM endpoint_decision_endpoint WHERE decision_id = $1`, [
        decision,
      ]),
    ).toEqual({ engagement_id: a });
    // A reference carries its engagement: another engagement's endpoint cannot be named.
    const stray = db.query(
      `INSERT INTO endpoint_group_member (group_id, engagement_id, endpoint_id) VALUES ($1, $2, $3)`,
      [group, a, firstEndpoint[1]],
    );
    await expect(stray).rejects.toMatchObject({
      driverError: { code: '23503', constraint: 'endpoint_group_member_endpoint_fkey' },
    });
    // Deleting an endpoint still cascades to its links and clears the tuning log's pointer.
    await db.query(`DELETE FROM endpoint WHERE id = $1`, [firstEndpoint[0]]);
    expect(
      await one(`SELECT count(*)::int AS n FROM endpoint_group_member WHERE group_id = $1`, [
        group,
      ]),
    ).toEqual({ n: 0 });
    expect(
      await one(`SELECT endpoint_id FROM tuning_log_entry WHERE group_id = $1`, [group]),
    ).toEqual({ endpoint_id: null });

    await undoPartitioning();
    expect(await one(`SELECT relkind FROM pg_class WHERE relname = 'endpoint'`)).toEqual({
      relkind: 'r',
    });
    expect(await one(`SELECT count(*)::int AS n FROM endpoint`)).toEqual({ n: 299 });
    await db.runMigrations({ transaction: 'each' });
    expect(await one(`SELECT count(*)::int AS n FROM endpoint`)).toEqual({ n: 299 });
  });
});
