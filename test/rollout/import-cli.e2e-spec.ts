// date-sensitive: classification by the CLI import (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { runCli } from '../support/run-cli';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, SAMPLE_ROWS } from './support/inventory-csv';

describe('npm run cli -- import-endpoints (the built CLI)', () => {
  let t: TestApp;
  let engagementId: string;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'inventory-cli-'));
  const file = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    engagementId = await sakuraEngagementId(t, new Tokens(t));
    env = {
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: t.config.redisUrl as string,
      JWT_SECRET: 'x'.repeat(32),
      SESSION_SECRET: 'y'.repeat(32),
    };
  });
  afterAll(() => t.close());

  const count = async (): Promise<number> =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM endpoint WHERE engagement_id = $1`, [
        engagementId,
      ])
    )[0].n;

  test('a file with a bad row imports nothing: exit 1 naming the line', async () => {
    const path = file(
      'bad.csv',
      csv([...SAMPLE_ROWS, 'bad-1,client,windows,10.0.26100,,Tokyo,JPN,,']),
    );
    const result = runCli(['import-endpoints', '--engagement', engagementId, path], env);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('line 9: country "JPN" is not an ISO 3166-1 alpha-2 code');
    expect(result.stderr).toContain('nothing was imported');
    expect(await count()).toBe(0);
  });

  test('--skip-invalid imports the rest, with plain progress lines when not on a terminal', async () => {
    const path = file(
      'skip.csv',
      csv([...SAMPLE_ROWS, 'bad-1,client,windows,10.0.26100,,Tokyo,JPN,,']),
    );
    const result = runCli(
      ['import-endpoints', '--engagement', engagementId, path, '--skip-invalid'],
      env,
    );
    expect(result.stderr).toMatch(/progress: 8 rows, \d+ of \d+ bytes/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'imported: 8 rows read, 7 created, 0 updated, 0 unchanged, 1 invalid (skipped)',
    );
    expect(result.stdout).toContain('line 9: country "JPN"');
    expect(await count()).toBe(7);
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_agent, changes FROM audit_record WHERE action = 'endpoint.inventory_imported'`,
    );
    expect(audit).toMatchObject({
      actor_user_agent: 'cli import-endpoints',
      changes: { fileName: 'skip.csv', created: 7 },
    });
  });

  test('usage errors and an unknown engagement', () => {
    expect(runCli(['import-endpoints', 'x.csv'], env).status).toBe(2);
    const unknown = runCli(
      [
        'import-endpoints',
        '--engagement',
        '00000000-0000-4000-8000-000000000000',
        file('ok.csv', csv(SAMPLE_ROWS)),
      ],
      env,
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Engagement not found');
  });
});
