// date-sensitive: the bundle is verified under another clock (faketime) and time zone
import { readFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract, runVerifier, unzipStored } from '../proof/support/bundle-files';
import { runCli } from '../support/run-cli';
import { freePort, RunningPortal, spawnPortal } from '../support/spawn-portal';
import { PortalClient, startSakuraService } from './support/portal-client';

const PASSWORD = 'embedded-demo-password';
const WITHIN_MS = 20_000;

/**
 * Embedded mode: the checkpoint key is made at the first start and kept in DATA_DIR; a bundle
 * made there verifies on another machine's clock and time zone; rotating the key (portal
 * stopped) keeps the old public key published, so the old bundle still verifies against it.
 */
describe('embedded mode: the completion bundle and the signing key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-embedded-proof-'));
  const work = mkdtempSync(join(tmpdir(), 'mdr-embedded-proof-out-'));
  let portal: RunningPortal | null = null;
  const start = async () => {
    portal = await spawnPortal({ DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' }, await freePort());
    return new PortalClient(portal.baseUrl, PASSWORD);
  };
  // The portal must be stopped before the CLI opens DATA_DIR (one process at a time); how it
  // exits is test/embedded/embedded-mode's concern.
  const stop = async () => {
    await portal?.stop();
    portal = null;
  };

  afterAll(async () => {
    if (portal) await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('makes the key at the first start, signs the bundle with it, and the bundle verifies elsewhere', async () => {
    let client = await start();
    try {
      expect(statSync(join(dataDir, 'proof-signing-key.pem')).mode & 0o777).toBe(0o600);
      const engagementId = await startSakuraService(client, WITHIN_MS);
      const onboardings = (await client.ok('lead@mdr.example', 'GET', '/api/onboardings')) as { items: { id: string; engagementId: string; status: string }[] };
      const onboarding = onboardings.items.find((o) => o.engagementId === engagementId && o.status === 'active');
      const response = await client.download('security@sakura.example', `/api/onboardings/${onboarding?.id}/completion-bundle`);
      expect(response.status).toBe(200);
      writeFileSync(join(work, 'bundle.zip'), response.body);
      const firstKeys = (await client.ok(null, 'GET', '/.well-known/mdr-portal-keys.json')) as { keys: { keyId: string; retiredAt: string | null }[] };
      expect(firstKeys.keys).toHaveLength(1);
      const bundleKeys = JSON.parse(unzipStored(response.body).get('keys.json')?.toString() ?? '{}');
      expect(bundleKeys.keys[0].keyId).toBe(firstKeys.keys[0].keyId);
      await stop();

      // Another machine: another clock years ahead, a time zone 14 hours ahead of UTC.
      const verifier = join(extract(unzipStored(response.body)), 'verify.mjs');
      const elsewhere = runVerifier(verifier, join(work, 'bundle.zip'), [], { TZ: 'Pacific/Kiritimati' }, ['faketime', '2031-07-15 23:59:59']);
      expect(elsewhere.stderr).toBe('');
      expect(elsewhere.stdout).toContain('VERIFIED: every check passed');
      expect(elsewhere.status).toBe(0);

      // A restart keeps the key.
      client = await start();
      expect(((await client.ok(null, 'GET', '/.well-known/mdr-portal-keys.json')) as { keys: unknown[] }).keys).toEqual(firstKeys.keys);
      await stop();

      // Rotation (portal stopped): a new key signs, the old one stays published, retired.
      const rotated = runCli(['rotate-signing-key'], { DATA_DIR: dataDir });
      expect(rotated.stderr).toBe('');
      expect(rotated.stdout).toContain(`signing key rotated: ${firstKeys.keys[0].keyId} retired`);
      client = await start();
      const after = (await client.ok(null, 'GET', '/.well-known/mdr-portal-keys.json')) as { keys: { keyId: string; retiredAt: string | null }[] };
      expect(after.keys).toHaveLength(2);
      expect(after.keys.find((k) => k.keyId === firstKeys.keys[0].keyId)?.retiredAt).not.toBeNull();
      expect(after.keys.find((k) => k.keyId !== firstKeys.keys[0].keyId)?.retiredAt).toBeNull();
      writeFileSync(join(work, 'published-keys.json'), JSON.stringify(after));
      await stop();
      // The old bundle still verifies against the keys the portal publishes now.
      const withKeys = runVerifier(verifier, join(work, 'bundle.zip'), ['--keys', join(work, 'published-keys.json')]);
      expect(withKeys.stdout).toContain('also among the keys given with --keys');
      expect(withKeys.status).toBe(0);
      expect(readFileSync(join(dataDir, `proof-signing-key.retired-${firstKeys.keys[0].keyId}.pem`), 'utf8')).toContain('PRIVATE KEY');
    } catch (error: unknown) {
      console.error(`portal output:\n${portal?.output().slice(-6000) ?? ''}`);
      throw error;
    }
  }, 420_000);
});
