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
});
