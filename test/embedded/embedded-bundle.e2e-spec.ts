// Not in the time-shifted run (CI time): test/proof/completion-bundle verifies the same bundle under another clock there.
import { readFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPortal } from '../journey/support/embedded-env';
import { LEAD, SECURITY, walkSakuraOnboarding } from '../journey/support/onboarding-walk';
import { extract, runVerifier, unzipStored } from '../proof/support/bundle-files';
import { runCli } from '../support/run-cli';

const PASSWORD = 'Embedded-proof-2026-camellia';

/**
 * Embedded mode: the checkpoint key is made at the first start and kept in DATA_DIR; a bundle
 * made there verifies on another machine's clock and time zone; rotating the key (portal
 * stopped) keeps the old public key published, so the old bundle still verifies against it.
 */
describe('embedded mode: the completion bundle and the signing key', () => {
  const portal = new EmbeddedPortal(PASSWORD);
  const dataDir = portal.dataDir;
  const work = mkdtempSync(join(tmpdir(), 'mdr-embedded-proof-out-'));
  const client = portal.client;
  // The portal must be stopped before the CLI opens DATA_DIR (one process at a time); how it
  // exits is test/embedded/embedded-mode's concern.
  const start = async () => {
    await portal.start();
    client.forgetTokens();
  };
  const stop = () => portal.stop();

  afterAll(async () => {
    await portal.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('makes the key at the first start, signs the bundle with it, and the bundle verifies elsewhere', async () => {
    await start();
    try {
      expect(statSync(join(dataDir, 'proof-signing-key.pem')).mode & 0o777).toBe(0o600);
      const { engagementId } = await walkSakuraOnboarding(portal.env(() => undefined));
      const onboardings = await client.ok<{
        items: { id: string; engagementId: string; status: string }[];
      }>(LEAD, 'GET', '/api/onboardings');
      const onboarding = onboardings.items.find(
        (o) => o.engagementId === engagementId && o.status === 'active',
      );
      const response = await client.download(
        SECURITY,
        `/api/onboardings/${onboarding?.id}/completion-bundle`,
      );
      expect(response.status).toBe(200);
      writeFileSync(join(work, 'bundle.zip'), response.body);
      const firstKeys = (await client.ok(null, 'GET', '/.well-known/mdr-portal-keys.json')) as {
        keys: { keyId: string; retiredAt: string | null }[];
      };
      expect(firstKeys.keys).toHaveLength(1);
      const bundleKeys = JSON.parse(
        unzipStored(response.body).get('keys.json')?.toString() ?? '{}',
      );
      expect(bundleKeys.keys[0].keyId).toBe(firstKeys.keys[0].keyId);
      await stop();

      // Another machine: another clock years ahead, a time zone 14 hours ahead of UTC.
      const verifier = join(extract(unzipStored(response.body)), 'verify.mjs');
      const elsewhere = runVerifier(
        verifier,
        join(work, 'bundle.zip'),
        [],
        { TZ: 'Pacific/Kiritimati' },
        ['faketime', '2031-07-15 23:59:59'],
      );
      expect(elsewhere.stderr).toBe('');
      expect(elsewhere.stdout).toContain('VERIFIED: every check passed');
      expect(elsewhere.status).toBe(0);

      // A restart keeps the key.
      await start();
      expect(
        ((await client.ok(null, 'GET', '/.well-known/mdr-portal-keys.json')) as { keys: unknown[] })
          .keys,
      ).toEqual(firstKeys.keys);
      await stop();

      // Rotation (portal stopped): a new key signs, the old one stays published, retired.
      const rotated = runCli(['rotate-signing-key'], { DATA_DIR: dataDir });
      expect(rotated.stderr).toBe('');
      expect(rotated.stdout).toContain(`signing key rotated: ${firstKeys.keys[0].keyId} retired`);
      await start();
      const after = (await client.ok(null, 'GET', '/.well-known/mdr-portal-keys.json')) as {
        keys: { keyId: string; retiredAt: string | null }[];
      };
      expect(after.keys).toHaveLength(2);
      expect(after.keys.find((k) => k.keyId === firstKeys.keys[0].keyId)?.retiredAt).not.toBeNull();
      expect(after.keys.find((k) => k.keyId !== firstKeys.keys[0].keyId)?.retiredAt).toBeNull();
      writeFileSync(join(work, 'published-keys.json'), JSON.stringify(after));
      await stop();
      // The old bundle still verifies against the keys the portal publishes now.
      const withKeys = runVerifier(verifier, join(work, 'bundle.zip'), [
        '--keys',
        join(work, 'published-keys.json'),
      ]);
      expect(withKeys.stdout).toContain('also among the keys given with --keys');
      expect(withKeys.status).toBe(0);
      expect(
        readFileSync(
          join(dataDir, `proof-signing-key.retired-${firstKeys.keys[0].keyId}.pem`),
          'utf8',
        ),
      ).toContain('PRIVATE KEY');
    } catch (error: unknown) {
      console.error(`portal output:\n${portal.portal?.output().slice(-6000) ?? ''}`);
      throw error;
    }
  }, 900_000);
});
