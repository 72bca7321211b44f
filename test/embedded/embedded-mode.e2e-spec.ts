import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RunningPortal, spawnPortal } from '../support/spawn-portal';

/**
 * Boots the built portal for real in embedded mode (no DATABASE_URL, no REDIS_URL): PGlite in a
 * fresh DATA_DIR, migrations and demo seed at boot, jobs and the dev mailbox in-process.
 */
describe('embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-embedded-'));
  const password = 'embedded-demo-password';
  let portal: RunningPortal | null = null;

  afterAll(async () => {
    if (portal) await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const login = async (baseUrl: string, email: string): Promise<string> => {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    return `Bearer ${((await response.json()) as { accessToken: string }).accessToken}`;
  };

  const get = async (baseUrl: string, path: string, auth?: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${baseUrl}${path}`, { headers: auth ? { authorization: auth } : {} });
    return { status: response.status, body: await response.json() };
  };

  it('boots with a fresh DATA_DIR, seeds the demo, serves it, and keeps the data across a restart', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, DEMO_PASSWORD: password, LOG_LEVEL: 'warn' };
    portal = await spawnPortal(env, port);
    expect(portal.output()).toContain('security@sakura.example');
    expect(portal.output()).toContain('Demo data seeded');

    const auth = await login(portal.baseUrl, 'security@sakura.example');
    const me = await get(portal.baseUrl, '/api/me', auth);
    expect(me.status).toBe(200);
    expect(me.body.organisation.name).toBe('Sakura Manufacturing');
    const engagements = await get(portal.baseUrl, '/api/engagements', auth);
    expect(engagements.body.total).toBe(1);

    // Welcome mails go through outbox → BullMQ on PGlite → the dev mailbox.
    let mailbox = await get(portal.baseUrl, '/api/dev/mailbox');
    for (let i = 0; i < 60 && mailbox.body.items.length < 8; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      mailbox = await get(portal.baseUrl, '/api/dev/mailbox');
    }
    expect(mailbox.body.items.length).toBe(8);

    const health = await get(portal.baseUrl, '/health');
    expect(health.body.status).toBe('ok');

    // The generated SESSION_SECRET is remembered (owner only), so what is sealed under it survives.
    const secretFile = join(dataDir, 'session-secret.txt');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const sessionSecret = readFileSync(secretFile, 'utf8');
    expect(sessionSecret.trim().length).toBeGreaterThanOrEqual(32);

    expect(await portal.stop()).toBe(0);
    portal = await spawnPortal(env, port);
    expect(readFileSync(secretFile, 'utf8')).toBe(sessionSecret);
    expect(portal.output()).toContain('Demo data already present');
    const again = await login(portal.baseUrl, 'security@sakura.example');
    const meAgain = await get(portal.baseUrl, '/api/me', again);
    expect(meAgain.body.user.id).toBe(me.body.user.id);
    const orgs = await get(portal.baseUrl, '/api/organisations', await login(portal.baseUrl, 'admin@portal.example'));
    expect(orgs.body.total).toBe(3); // seeded once, not twice
    const mailboxAgain = await get(portal.baseUrl, '/api/dev/mailbox');
    expect(mailboxAgain.body.items.length).toBe(8);
  }, 240000);
});
