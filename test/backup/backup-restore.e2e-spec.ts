import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { cliEnvOf, runCli } from '../support/run-cli';
import { freePort, spawnPortal } from '../support/spawn-portal';
import { startTestApp, TestApp } from '../support/test-app';
import { ADMIN_DATABASE_URL, databaseUrl } from '../support/test-env';

/** Runs a PostgreSQL client tool as the README's backup section says, failing loudly. */
function tool(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

async function counts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT (SELECT count(*) FROM audit_record)::int AS audit, (SELECT count(*) FROM onboarding_step)::int AS steps,
             (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM outbox_message)::int AS outbox`);
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('backup and restore (the README procedure)', () => {
  const work = mkdtempSync(join(tmpdir(), 'mdr-backup-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  describe('server mode: pg_dump and pg_restore', () => {
    let t: TestApp;
    const restored = `mdr_restored_${process.pid}`;

    beforeAll(async () => {
      t = await startTestApp({ seed: true });
      await createSakuraOnboarding(t, new Tokens(t));
    });
    afterAll(async () => {
      const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${restored} WITH (FORCE)`);
      await admin.end();
      await t.close();
    });

    it('restores a dump into a new database that holds the same data and passes audit:verify', async () => {
      const dump = join(work, 'portal.dump');
      tool('pg_dump', ['--format=custom', `--file=${dump}`, t.database.url]);
      tool('createdb', ['-h', '127.0.0.1', '-U', 'postgres', restored]);
      tool('pg_restore', ['--no-owner', `--dbname=${databaseUrl(restored)}`, dump]);

      const original = await counts(t.database.url);
      expect(original.audit).toBeGreaterThan(10);
      expect(await counts(databaseUrl(restored))).toEqual(original);
      const verify = runCli(['audit-verify'], {
        ...cliEnvOf(t),
        DATABASE_URL: databaseUrl(restored),
      });
      expect(verify.stdout).toContain(`${original.audit} records verified`);
      expect(verify.status).toBe(0);
    });
  });

  describe("embedded mode: a copy of the stopped portal's data folder", () => {
    it('starts from the copied folder with the same data, and audit:verify passes on it', async () => {
      const dataDir = join(work, 'data');
      const password = 'backup-demo-password';
      const portal = await spawnPortal(
        { DATA_DIR: dataDir, DEMO_PASSWORD: password, LOG_LEVEL: 'warn' },
        await freePort(),
      );
      const login = await fetch(`${portal.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'lead@mdr.example', password }),
      });
      expect(login.status).toBe(200);
      expect(await portal.stop()).toBe(0);

      const copy = join(work, 'data-restored');
      cpSync(dataDir, copy, { recursive: true });
      const verify = runCli(['audit-verify'], { DATA_DIR: copy });
      expect(verify.stdout).toMatch(/audit chain intact: \d+ records verified/);
      expect(verify.status).toBe(0);

      const restored = await spawnPortal(
        { DATA_DIR: copy, DEMO_PASSWORD: 'ignored-after-seed', LOG_LEVEL: 'warn' },
        await freePort(),
      );
      try {
        const again = await fetch(`${restored.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'lead@mdr.example', password }),
        });
        expect(again.status).toBe(200);
        expect(restored.output()).not.toContain('Demo data seeded');
      } finally {
        await restored.stop();
      }
    }, 300_000); // two embedded boots (PGlite) on a shared CI machine
  });
});
