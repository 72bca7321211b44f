import type { EndpointRow, EndpointType, OsFamily, SupportStatus } from '@app/rollout';
import type { PoolClient } from 'pg';
import {
  CopyRowSink,
  CREATE_STAGE_SQL,
  STAGE_TABLE,
} from '../../libs/rollout/src/inventory/import/copy-row-sink';
import { StoredRows } from '../../libs/rollout/src/inventory/import/stored-rows';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, generatedCsv, upload } from './support/inventory-csv';

// A first import copies rows straight into the engagement's endpoints; later ones go through the staging table
// and the upsert. Both must store the same thing, and two imports at once must not collide.
describe('endpoint inventory import: the first-import path and the upsert path', () => {
  let t: TestApp;
  let engagementId: string;
  let it: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    it = await tokens.for('it-jp@sakura.example');
  });
  afterAll(() => t.close());

  const stored = (): Promise<Record<string, unknown>[]> =>
    t.dataSource.query(
      `SELECT id, hostname, type, os_family, os_version, kernel, site, country, existing_product, tags, support_status, support_reason
       FROM endpoint WHERE engagement_id = $1 ORDER BY hostname`,
      [engagementId],
    );

  test('values needing escapes survive both paths, and re-importing the same file changes nothing', async () => {
    const body = csv([
      'esc-01,client,windows,10.0.26100,,"Plant\t2 \\ East",JP,"AV ""Pro""",a"b;back\\slash;NULL;{x};with space',
      'esc-02,server,linux,RHEL 8.6,4.18.0-372.9.1.el8.x86_64,"Osaka, ""Plant"" 2",JP,,',
      'esc-03,client,macos,15.1,,上海工厂,CN,,x|y;x',
    ]);
    const first = await upload(t, it, engagementId, body).expect(200);
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const rows = await stored();
    expect(rows).toMatchObject([
      {
        hostname: 'esc-01',
        site: 'Plant\t2 \\ East',
        existing_product: 'AV "Pro"',
        kernel: null,
        tags: ['a"b', 'back\\slash', 'NULL', '{x}', 'with space'],
        support_status: 'supported',
      },
      {
        hostname: 'esc-02',
        site: 'Osaka, "Plant" 2',
        existing_product: null,
        kernel: '4.18.0-372.9.1.el8.x86_64',
        tags: [],
      },
      { hostname: 'esc-03', site: '上海工厂', tags: ['x', 'y'] },
    ]);
    // Ids are made by the importer (time-ordered UUIDv7), not by the column default.
    for (const row of rows)
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );

    const again = await upload(t, it, engagementId, body).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, imported: 3 });
    expect(await stored()).toEqual(rows);

    const changed = await upload(
      t,
      it,
      engagementId,
      csv([
        'ESC-02,server,linux,RHEL 8.6,4.18.0-372.9.1.el8.x86_64,Kobe,JP,,core',
        'esc-04,client,windows,10.0.26100,,Kobe,JP,,',
      ]),
    ).expect(200);
    expect(changed.body).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    const after = await stored();
    expect(after.find((r) => r.hostname === 'ESC-02')).toMatchObject({
      id: rows[1].id,
      site: 'Kobe',
      tags: ['core'],
    });
    expect(after).toHaveLength(4);
  });

  test('two imports of one engagement at once: one creates the rows, the other finds them unchanged', async () => {
    // Empty again, so that both imports would take the first-import path without the lock.
    await t.dataSource.query(`DELETE FROM endpoint WHERE engagement_id = $1`, [engagementId]);
    const body = generatedCsv(20_000);
    const responses = await Promise.all([
      upload(t, it, engagementId, body),
      upload(t, it, engagementId, body),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const created = responses.map((r) => r.body.created as number).sort((a, b) => a - b);
    const unchanged = responses.map((r) => r.body.unchanged as number).sort((a, b) => a - b);
    expect({ created, unchanged }).toEqual({ created: [0, 20_000], unchanged: [0, 20_000] });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM endpoint WHERE engagement_id = $1`,
      [engagementId],
    );
    expect(n).toBe(20_000);
  }, 120_000);

  test('a re-import of a whole export: only changed and new rows are written, the rest stay as they were', async () => {
    await t.dataSource.query(`DELETE FROM endpoint WHERE engagement_id = $1`, [engagementId]);
    // Large enough for the re-import to compare its rows with the stored ones before staging.
    const original = generatedCsv(12_000);
    expect((await upload(t, it, engagementId, original).expect(200)).body.created).toBe(12_000);
    const before = await stored();
    const versions = new Map<string, string>(
      (
        await t.dataSource.query(
          `SELECT hostname, xmin::text AS version FROM endpoint WHERE engagement_id = $1`,
          [engagementId],
        )
      ).map((r: { hostname: string; version: string }) => [r.hostname, r.version]),
    );

    // 5% changed (a tag), one hostname's case changed, and 20 new endpoints.
    const lines = original.trimEnd().split('\n');
    const changed = lines.map((line, i) => {
      if (i === 0) return line;
      if (i === 17) return line.replace('gen-000016', 'GEN-000016');
      return i % 20 === 3 ? line.replace(/bulk$/, 'bulk;moved') : line;
    });
    for (let i = 0; i < 20; i += 1) changed.push(`new-${i},client,macos,15.1,,Kobe,JP,,`);
    const again = await upload(t, it, engagementId, changed.join('\n') + '\n').expect(200);
    expect(again.body).toMatchObject({
      created: 20,
      updated: 600 + 1,
      unchanged: 12_000 - 601,
      imported: 12_020,
    });

    const after = await stored();
    expect(after).toHaveLength(12_020);
    const byId = new Map(after.map((r) => [r.id, r]));
    for (const row of before) {
      const now = byId.get(row.id);
      const n = Number(String(row.hostname).slice(4));
      if (n === 16) expect(now).toEqual({ ...row, hostname: 'GEN-000016' });
      else if ((n + 1) % 20 === 3) expect(now).toEqual({ ...row, tags: ['bulk', 'moved'] });
      else expect(now).toEqual(row);
    }
    // Unchanged rows were not written at all (no new row version).
    const rewritten = (
      await t.dataSource.query(
        `SELECT hostname, xmin::text AS version FROM endpoint WHERE engagement_id = $1`,
        [engagementId],
      )
    ).filter((r: { hostname: string; version: string }) => versions.get(r.hostname) !== r.version);
    expect(rewritten).toHaveLength(601 + 20);
  }, 120_000);

  test('stored rows read back from the database are byte for byte what the staging sink encodes', async () => {
    const rows: (EndpointRow & {
      support_status: SupportStatus;
      support_reason: string;
    })[] = (
      await t.dataSource.query(
        `SELECT hostname, type, os_family AS "osFamily", os_version AS "osVersion", kernel, site, country,
                existing_product AS "existingProduct", tags, support_status, support_reason
         FROM endpoint WHERE engagement_id = $1 ORDER BY hostname LIMIT 3000`,
        [engagementId],
      )
    ).map((r: EndpointRow & { type: EndpointType; osFamily: OsFamily }) => r);
    expect(rows.length).toBeGreaterThan(1000);
    const runner = t.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      const storedRows = await StoredRows.read(client, engagementId);
      expect(storedRows.size).toBe(12_020);
      await client.query(CREATE_STAGE_SQL);
      // The first thousand rows are held, then compared at once; the rest as they come.
      const sink = new CopyRowSink(client, { kind: 'stage' }, true);
      for (const [i, row] of rows.entries()) {
        if (i === 1000) await sink.compareWith(storedRows);
        const classification = { status: row.support_status, reason: row.support_reason };
        // Every 100th row differs in one field; a hostname in another case is found, but differs.
        if (i % 100 === 1) sink.row({ ...row, site: `${row.site}!` }, classification);
        else if (i === 2)
          sink.row({ ...row, hostname: row.hostname.toUpperCase() }, classification);
        else sink.row(row, classification);
        if (i % 500 === 499) await sink.flush();
      }
      sink.row({ ...rows[0], hostname: 'not-stored-yet' }, { status: 'eol', reason: 'x' });
      await sink.end();
      const staged = (await client.query(`SELECT hostname FROM ${STAGE_TABLE}`)).rows;
      const expected = Math.ceil((rows.length - 1) / 100) + 2;
      expect(sink.staged).toBe(staged.length);
      expect(staged.length).toBe(expected);
      expect(staged.map((r: { hostname: string }) => r.hostname)).toEqual(
        expect.arrayContaining(['not-stored-yet', rows[2].hostname.toUpperCase()]),
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }, 60_000);
});
