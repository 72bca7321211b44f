// date-sensitive: endpoint classification against support end dates (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, generatedCsv, SAMPLE_ROWS, upload } from './support/inventory-csv';

describe('endpoint inventory: import, list, classify', () => {
  let t: TestApp;
  let tokens: Tokens;
  let engagementId: string;
  let it: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    it = await tokens.for('it-jp@sakura.example');
  });
  afterAll(() => t.close());

  const list = async (
    query = '',
  ): Promise<{
    total: number;
    items: {
      hostname: string;
      site: string;
      supportStatus: string;
      supportReason: string;
      tags: string[];
    }[];
  }> =>
    (
      await t
        .http()
        .get(`/api/engagements/${engagementId}/endpoints${query}`)
        .set('Authorization', it)
        .expect(200)
    ).body;

  test('a file with a bad row imports nothing and lists every bad row with its line', async () => {
    const body = csv([
      ...SAMPLE_ROWS.slice(0, 2),
      'bad-1,desktop,windows,10.0.26100,,Tokyo,JP,,',
      SAMPLE_ROWS[2],
      'TKY-PC-001,client,windows,10.0.26100,,Tokyo,JP,,',
    ]);
    const response = await upload(t, it, engagementId, body).expect(400);
    expect(response.body.code).toBe('IMPORT_ROWS_INVALID');
    expect(response.body.details).toMatchObject({
      rows: 5,
      valid: 3,
      invalid: 2,
      imported: 0,
      problems: [
        { line: 4, reason: 'type "desktop" must be one of client, server' },
        { line: 6, reason: 'duplicate hostname "TKY-PC-001" (first at line 2)' },
      ],
    });
    expect((await list()).total).toBe(0);
  });

  test('skip-invalid imports the good rows and reports what it skipped', async () => {
    const body = csv([
      ...SAMPLE_ROWS,
      'bad-2,server,linux,Ubuntu 22.04,,Shanghai,CN,,',
      'bad-3,client,windows,10.0.26100,,Tokyo,XX,,',
    ]);
    const response = await upload(t, it, engagementId, body, '?skipInvalid=true').expect(200);
    expect(response.body).toMatchObject({
      rows: 9,
      valid: 7,
      invalid: 2,
      imported: 7,
      created: 7,
      updated: 0,
      skipInvalid: true,
      problems: [
        { line: 9, reason: 'kernel is required for Linux endpoints' },
        { line: 10, reason: 'country "XX" is not an ISO 3166-1 alpha-2 code' },
      ],
    });
    const all = await list();
    expect(all.total).toBe(7);
    const server2012 = all.items.find((e) => e.hostname === 'tky-srv-001');
    expect(server2012).toMatchObject({
      supportStatus: 'eol',
      supportReason: 'Windows Server 2012 R2: extended support ended 2023-10-10',
      site: '東京本社',
    });
    expect(all.items.find((e) => e.hostname === 'osk-srv-002')).toMatchObject({
      site: 'Osaka, Plant 2',
      tags: ['core', 'erp'],
      supportStatus: 'supported',
    });
    expect(all.items.find((e) => e.hostname === 'tky-pc-002')?.supportStatus).toBe('unsupported');
    expect(all.items.find((e) => e.hostname === 'sh-srv-002')?.supportStatus).toBe('unsupported');
  });

  test('one audit record per import, with its counts', async () => {
    const rows: { changes: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'endpoint.inventory_imported' AND engagement_id = $1`,
      [engagementId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].changes).toMatchObject({
      fileName: 'endpoints.csv',
      rows: 9,
      created: 7,
      updated: 0,
      skipped: 2,
    });
  });

  test('a re-import upserts by hostname, case-insensitively', async () => {
    const body = csv([
      'TKY-PC-001,client,windows,10.0.26100,,Tokyo HQ,JP,Legacy AV 12,office',
      'new-pc-001,client,windows,10.0.26100,,Tokyo HQ,JP,,',
    ]);
    const response = await upload(t, it, engagementId, body).expect(200);
    expect(response.body).toMatchObject({ created: 1, updated: 1, imported: 2, invalid: 0 });
    const found = await list('?q=tky-pc-001');
    expect(found.items).toEqual([
      expect.objectContaining({ hostname: 'TKY-PC-001', site: 'Tokyo HQ', tags: ['office'] }),
    ]);
    expect((await list()).total).toBe(8);
  });

  test('filters and pages the list', async () => {
    expect((await list('?country=CN')).items.map((e) => e.hostname)).toEqual([
      'sh-mac-001',
      'sh-srv-001',
      'sh-srv-002',
    ]);
    expect(
      (await list('?site=%E4%B8%8A%E6%B5%B7%E5%B7%A5%E5%8E%82&osFamily=linux')).items.map(
        (e) => e.hostname,
      ),
    ).toEqual(['sh-srv-001', 'sh-srv-002']);
    expect((await list('?type=server&supportStatus=eol')).items.map((e) => e.hostname)).toEqual([
      'tky-srv-001',
    ]);
    expect((await list('?q=SH-SRV')).total).toBe(2);
    expect((await list('?q=%25')).total).toBe(0);
    const page = await list('?limit=3&offset=3');
    expect(page).toMatchObject({ total: 8, limit: 3, offset: 3 });
    expect(page.items).toHaveLength(3);
    const bad = await t
      .http()
      .get(`/api/engagements/${engagementId}/endpoints?osFamily=solaris`)
      .set('Authorization', it)
      .expect(400);
    expect(bad.body.details[0].field).toBe('osFamily');
  });

  test('the summary counts support status by OS family', async () => {
    const summary = (
      await t
        .http()
        .get(`/api/engagements/${engagementId}/endpoints/summary`)
        .set('Authorization', it)
        .expect(200)
    ).body;
    expect(summary.total).toBe(8);
    expect(
      summary.byFamily.find((f: { osFamily: string }) => f.osFamily === 'linux'),
    ).toMatchObject({ supported: 1, unsupported: 1 });
    expect(summary.countries).toEqual(['CN', 'JP']);
  });

  test('re-classification re-runs the matrix and changes nothing when nothing changed', async () => {
    await t.dataSource.query(
      `UPDATE endpoint SET support_status = NULL, support_reason = NULL WHERE hostname = 'tky-srv-001'`,
    );
    const response = await t
      .http()
      .post(`/api/engagements/${engagementId}/endpoints/classify`)
      .set('Authorization', it)
      .expect(200);
    expect(response.body).toMatchObject({ endpoints: 8, changed: 1 });
    expect((await list('?q=tky-srv')).items[0].supportStatus).toBe('eol');
  });

  test('refuses bad files as a whole: header problems, no file, not multipart', async () => {
    const header = await upload(
      t,
      it,
      engagementId,
      'hostname,type,os_family,os_version,owner\nx,client,windows,1,me\n',
    ).expect(400);
    expect(header.body.details).toEqual([
      { field: 'file', reason: 'unknown column "owner"' },
      { field: 'file', reason: 'missing column "site"' },
      { field: 'file', reason: 'missing column "country"' },
    ]);
    const empty = await upload(t, it, engagementId, '').expect(400);
    expect(empty.body.details).toEqual([
      { field: 'file', reason: 'the file is empty (no header line)' },
    ]);
    const json = await t
      .http()
      .post(`/api/engagements/${engagementId}/endpoints/import`)
      .set('Authorization', it)
      .send({ file: 'x' })
      .expect(400);
    expect(json.body.details[0].field).toBe('file');
  });

  test('only customer security/IT and provider lead/analysts import; account managers get 403', async () => {
    await upload(t, await tokens.for('am@mdr.example'), engagementId, csv(SAMPLE_ROWS)).expect(403);
    await upload(
      t,
      await tokens.for('analyst@mdr.example'),
      engagementId,
      csv(SAMPLE_ROWS.slice(0, 1)),
    ).expect(200);
    await t
      .http()
      .post(`/api/engagements/${engagementId}/endpoints/classify`)
      .set('Authorization', await tokens.for('am@mdr.example'))
      .expect(403);
    await t
      .http()
      .get(`/api/engagements/${engagementId}/endpoints`)
      .set('Authorization', await tokens.for('am@mdr.example'))
      .expect(200);
  });

  test("another tenant's user gets 404 on every inventory route", async () => {
    const northwind = await tokens.for('security@northwind.example');
    const base = `/api/engagements/${engagementId}`;
    await upload(t, northwind, engagementId, csv(SAMPLE_ROWS)).expect(404);
    for (const path of [
      '/endpoints',
      '/endpoints/summary',
      '/endpoint-decisions',
      '/security-products',
    ]) {
      await t
        .http()
        .get(base + path)
        .set('Authorization', northwind)
        .expect(404);
    }
    await t.http().post(`${base}/endpoints/classify`).set('Authorization', northwind).expect(404);
    await t
      .http()
      .post(`${base}/endpoint-decisions`)
      .set('Authorization', northwind)
      .send({ kind: 'exclude', filters: {} })
      .expect(404);
    await t
      .http()
      .put(`${base}/security-products/plan`)
      .set('Authorization', northwind)
      .send({ product: 'Legacy AV 12', action: 'coexist', quarantines: true })
      .expect(404);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM endpoint WHERE engagement_id = $1`,
      [engagementId],
    );
    expect(n).toBe(8);
  });

  test('streams a 50,000-row file into the inventory with correct counts', async () => {
    const response = await upload(t, it, engagementId, generatedCsv(50_000)).expect(200);
    expect(response.body).toMatchObject({
      rows: 50_000,
      valid: 50_000,
      invalid: 0,
      created: 50_000,
      updated: 0,
    });
    expect(response.body.bySupportStatus).toMatchObject({ eol: 12_500, unsupported: 12_500 });
    const [{ n, classified }] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(support_status)::int AS classified FROM endpoint WHERE engagement_id = $1 AND hostname LIKE 'gen-%'`,
      [engagementId],
    );
    expect({ n, classified }).toEqual({ n: 50_000, classified: 50_000 });
  }, 120_000);
});
