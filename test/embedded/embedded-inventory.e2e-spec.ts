import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csv, SAMPLE_ROWS } from '../rollout/support/inventory-csv';
import { freePort, RunningPortal, spawnPortal } from '../support/spawn-portal';

/**
 * The inventory import in embedded mode (PGlite behind the in-process socket server). COPY FROM
 * STDIN does not survive that server (the copy sub-protocol loses sync and ends PGlite's one
 * shared session), so embedded mode stages rows with batched INSERTs: the import must work and
 * the database must stay usable after it.
 */
describe('embedded mode: endpoint inventory import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-embedded-inventory-'));
  const password = 'embedded-demo-password';
  let portal: RunningPortal | null = null;

  afterAll(async () => {
    if (portal) await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports a CSV through the API, bad rows reported, and keeps serving', async () => {
    portal = await spawnPortal(
      { DATA_DIR: dataDir, DEMO_PASSWORD: password, LOG_LEVEL: 'warn' },
      await freePort(),
    );
    const base = portal.baseUrl;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'it-jp@sakura.example', password }),
    });
    expect(login.status).toBe(200);
    const auth = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const engagements = (await (
      await fetch(`${base}/api/engagements`, { headers: { authorization: auth } })
    ).json()) as { items: { id: string }[] };
    const id = engagements.items[0].id;

    const importCsv = async (
      body: string,
      query = '',
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const form = new FormData();
      form.append('file', new Blob([body], { type: 'text/csv' }), 'endpoints.csv');
      const response = await fetch(`${base}/api/engagements/${id}/endpoints/import${query}`, {
        method: 'POST',
        headers: { authorization: auth },
        body: form,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const refused = await importCsv(
      csv([...SAMPLE_ROWS, 'bad-1,desktop,windows,10.0.26100,,Tokyo,JP,,']),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details).toMatchObject({
      invalid: 1,
      imported: 0,
      problems: [{ line: 9, reason: 'type "desktop" must be one of client, server' }],
    });

    const imported = await importCsv(
      csv([...SAMPLE_ROWS, 'bad-1,desktop,windows,10.0.26100,,Tokyo,JP,,']),
      '?skipInvalid=true',
    );
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      rows: 8,
      valid: 7,
      invalid: 1,
      imported: 7,
      created: 7,
      updated: 0,
    });

    const again = await importCsv(csv(SAMPLE_ROWS));
    expect(again.body).toMatchObject({ imported: 7, created: 0, updated: 0, unchanged: 7 });

    const list = (await (
      await fetch(`${base}/api/engagements/${id}/endpoints?osFamily=linux`, {
        headers: { authorization: auth },
      })
    ).json()) as {
      total: number;
      items: { hostname: string; site: string }[];
    };
    expect(list.total).toBe(2);
    expect(list.items.map((e) => e.site)).toEqual(['上海工厂', '上海工厂']);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
  }, 240000);
});
