import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';

/**
 * endpoint is partitioned by engagement (see the PartitionEndpointsByEngagement migration):
 * endpoint.engagement_id is a foreign key, validated row by row for ordinary writes and in one
 * query when an import attaches a new engagement's partition. These are its guarantees, checked
 * on the real database, including the races.
 */
describe('endpoint → engagement integrity (partitioned by engagement)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  /** With its (empty) partition made, unless `partition` is false (as before a first import). */
  async function newEngagement(partition = true): Promise<string> {
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
    if (partition) await t.dataSource.query(`SELECT endpoint_partition_ensure($1)`, [id]);
    return id;
  }

  const INSERT = `INSERT INTO endpoint (engagement_id, hostname, type, os_family, os_version, site, country) VALUES ($1, $2, 'client', 'windows', '10.0.26100', 'HQ', 'JP')`;

  async function failureCode(work: Promise<unknown>): Promise<string | undefined> {
    try {
      await work;
    } catch (error) {
      return (error as { code?: string }).code ?? 'no code';
    }
    return undefined;
  }

  it('refuses endpoints of an engagement that does not exist, alone or among good rows', async () => {
    const engagement = await newEngagement();
    // No engagement, no partition to hold its rows; and none is made for it.
    expect(await failureCode(t.dataSource.query(INSERT, [randomUUID(), 'orphan-1']))).toBe(
      CHECK_VIOLATION,
    );
    expect(
      await failureCode(t.dataSource.query(`SELECT endpoint_partition_ensure($1)`, [randomUUID()])),
    ).toBe(FOREIGN_KEY_VIOLATION);
    const many = `INSERT INTO endpoint (engagement_id, hostname, type, os_family, os_version, site, country)
                  SELECT CASE WHEN i = 500 THEN $2::uuid ELSE $1::uuid END, 'h-' || i, 'client', 'windows', '10', 'HQ', 'JP' FROM generate_series(1, 1000) i`;
    expect(await failureCode(t.dataSource.query(many, [engagement, randomUUID()]))).toBe(
      CHECK_VIOLATION,
    );
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM endpoint WHERE engagement_id = $1`,
      [engagement],
    );
    expect(n).toBe(0);
    await t.dataSource.query(INSERT, [engagement, 'fine-1']);
    const [{ m }] = await t.dataSource.query(
      `SELECT count(*)::int AS m FROM endpoint WHERE engagement_id = $1`,
      [engagement],
    );
    expect(m).toBe(1);
  });

  it("an engagement's partition holds only that engagement's rows", async () => {
    const [a, b] = [await newEngagement(), await newEngagement()];
    const [{ partition }] = await t.dataSource.query(
      `SELECT endpoint_partition_of($1)::text AS partition`,
      [a],
    );
    const direct = `INSERT INTO ${partition} (engagement_id, hostname, type, os_family, os_version, site, country) VALUES ($1, 'stray-1', 'client', 'windows', '10', 'HQ', 'JP')`;
    expect(await failureCode(t.dataSource.query(direct, [b]))).toBe(CHECK_VIOLATION);
  });

  it('never moves an endpoint to another engagement', async () => {
    const [a, b] = [await newEngagement(), await newEngagement()];
    await t.dataSource.query(INSERT, [a, 'mover-1']);
    expect(
      await failureCode(
        t.dataSource.query(`UPDATE endpoint SET engagement_id = $2 WHERE engagement_id = $1`, [
          a,
          b,
        ]),
      ),
    ).toBe(FOREIGN_KEY_VIOLATION);
    // Other changes to the row are fine.
    await t.dataSource.query(`UPDATE endpoint SET site = 'Osaka' WHERE engagement_id = $1`, [a]);
  });

  it('keeps an engagement that has endpoints from being deleted or re-keyed', async () => {
    const kept = await newEngagement();
    await t.dataSource.query(INSERT, [kept, 'keeper-1']);
    expect(
      await failureCode(t.dataSource.query(`DELETE FROM engagement WHERE id = $1`, [kept])),
    ).toBe(FOREIGN_KEY_VIOLATION);
    expect(
      await failureCode(
        t.dataSource.query(`UPDATE engagement SET id = $2 WHERE id = $1`, [kept, randomUUID()]),
      ),
    ).toBe(FOREIGN_KEY_VIOLATION);
    await t.dataSource.query(`UPDATE engagement SET name = 'Renamed' WHERE id = $1`, [kept]);
    const empty = await newEngagement();
    await t.dataSource.query(`DELETE FROM engagement WHERE id = $1`, [empty]);
  });

  async function inTransaction(): Promise<QueryRunner> {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  /**
   * `hold` runs in a transaction left open; `contend`, in another, must wait for it and then, once
   * the holder commits, fail with a foreign-key violation.
   */
  async function expectWaitThenFail(
    hold: (holder: QueryRunner) => Promise<unknown>,
    contend: (contender: QueryRunner) => Promise<unknown>,
  ): Promise<void> {
    const holder = await inTransaction();
    const contender = await inTransaction();
    try {
      await hold(holder);
      let settled = false;
      const contending = failureCode(contend(contender)).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await holder.commitTransaction();
      expect(await contending).toBe(FOREIGN_KEY_VIOLATION);
    } finally {
      for (const runner of [holder, contender])
        if (runner.isTransactionActive) await runner.rollbackTransaction();
      await Promise.all([holder.release(), contender.release()]);
    }
  }

  const deleteEngagement = (engagement: string) => (runner: QueryRunner) =>
    runner.query(`DELETE FROM engagement WHERE id = $1`, [engagement]);

  it('an uncommitted import holds the engagement: a concurrent delete waits, then fails', async () => {
    const engagement = await newEngagement();
    await expectWaitThenFail(
      (importer) => importer.query(INSERT, [engagement, 'race-1']),
      deleteEngagement(engagement),
    );
  });

  it('an uncommitted delete holds the engagement: a concurrent insert waits, then fails', async () => {
    const engagement = await newEngagement();
    await expectWaitThenFail(deleteEngagement(engagement), (importer) =>
      importer.query(INSERT, [engagement, 'race-2']),
    );
  });

  /** What a first import does, by hand: a new partition loaded with a row, then attached. */
  async function loadNewPartition(runner: QueryRunner, engagement: string): Promise<void> {
    const [{ table }] = await runner.query(`SELECT endpoint_partition_prepare($1) AS table`, [
      engagement,
    ]);
    await runner.query(
      `INSERT INTO ${table} (engagement_id, hostname, type, os_family, os_version, site, country) VALUES ($1, 'new-1', 'client', 'windows', '10', 'HQ', 'JP')`,
      [engagement],
    );
    await runner.query(`SELECT endpoint_partition_attach($1)`, [engagement]);
  }

  it('attaching a new partition validates its engagement: a deleted engagement fails it, and nothing is left', async () => {
    const engagement = await newEngagement(false);
    await t.dataSource.query(`DELETE FROM engagement WHERE id = $1`, [engagement]);
    const importer = await inTransaction();
    try {
      expect(await failureCode(loadNewPartition(importer, engagement))).toBe(FOREIGN_KEY_VIOLATION);
    } finally {
      await importer.rollbackTransaction();
      await importer.release();
    }
    const [{ tables }] = await t.dataSource.query(
      `SELECT count(*)::int AS tables FROM pg_class WHERE relname = endpoint_partition_name($1)`,
      [engagement],
    );
    expect(tables).toBe(0);
  });

  it('an attached, uncommitted partition holds the engagement: a concurrent delete waits, then fails', async () => {
    const engagement = await newEngagement(false);
    await expectWaitThenFail(
      (importer) => loadNewPartition(importer, engagement),
      deleteEngagement(engagement),
    );
  });

  it('an uncommitted delete holds the engagement: attaching its new partition waits, then fails', async () => {
    const engagement = await newEngagement(false);
    await expectWaitThenFail(deleteEngagement(engagement), (importer) =>
      loadNewPartition(importer, engagement),
    );
  });
});

describe('engagement ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('are time-ordered UUIDv7: version 7, RFC 9562 variant, the creation millisecond first, later ones sorting after', async () => {
    const before = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const [customer] = await t.dataSource.query(
        `INSERT INTO organisation (kind, name, language) VALUES ('customer', $1, 'en') RETURNING id`,
        [`V7 C ${randomUUID()}`],
      );
      const [provider] = await t.dataSource.query(
        `INSERT INTO organisation (kind, name, language) VALUES ('provider', $1, 'en') RETURNING id`,
        [`V7 P ${randomUUID()}`],
      );
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO engagement (customer_organisation_id, provider_organisation_id, name) VALUES ($1, $2, 'E') RETURNING id`,
        [customer.id, provider.id],
      );
      ids.push(id);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const after = Date.now();
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before - 1000);
      expect(ms).toBeLessThanOrEqual(after + 1000);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });
});
