import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RunningPortal, spawnPortal } from '../support/spawn-portal';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The evidence store in embedded mode: bytea chunks written and read through PGlite behind the
 * in-process socket server, a file of several chunks coming back byte for byte, and the portal
 * still serving afterwards; after a restart on the same data folder the file is still there.
 */
describe('embedded mode: evidence files', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-embedded-evidence-'));
  const password = 'embedded-demo-password';
  let portal: RunningPortal | null = null;

  afterAll(async () => {
    if (portal) await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = async (base: string, email: string): Promise<string> => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    return `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
  };

  it('round-trips a file of several chunks through PGlite, and keeps it across a restart', async () => {
    const env = { DATA_DIR: dataDir, DEMO_PASSWORD: password, LOG_LEVEL: 'warn' };
    portal = await spawnPortal(env, await freePort());
    let base = portal.baseUrl;
    const lead = await signIn(base, 'lead@mdr.example');
    const engagements = (await (
      await fetch(`${base}/api/engagements`, { headers: { authorization: lead } })
    ).json()) as { items: { id: string; customerName: string }[] };
    const sakura = engagements.items.find((e) => e.customerName === 'Sakura Manufacturing');
    const created = await fetch(`${base}/api/onboardings`, {
      method: 'POST',
      headers: { authorization: lead, 'content-type': 'application/json' },
      body: JSON.stringify({
        engagementId: sakura?.id,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-06-01',
      }),
    });
    expect(created.status).toBe(201);
    const onboardingId = ((await created.json()) as { id: string }).id;

    const rows = ['hostname,site'];
    for (let i = 0; rows.length < 60_000; i += 1)
      rows.push(`pc-${String(i).padStart(6, '0')},大阪工場`);
    const bytes = Buffer.from(`${rows.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(1_024 * 1_024);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'text/csv' }), '端末一覧.csv');
    const customer = await signIn(base, 'security@sakura.example');
    const uploaded = await fetch(
      `${base}/api/onboardings/${onboardingId}/steps/service_agreement/evidence`,
      { method: 'POST', headers: { authorization: customer }, body: form },
    );
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string; sha256: string; sizeBytes: number };
    expect(file).toMatchObject({ sha256: sha256(bytes), sizeBytes: bytes.length });

    const download = async (auth: string): Promise<Response> =>
      fetch(`${base}/api/evidence/${file.id}`, { headers: { authorization: auth } });
    const served = await download(lead);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const back = Buffer.from(await served.arrayBuffer());
    expect(sha256(back)).toBe(file.sha256);
    expect(Buffer.compare(back, bytes)).toBe(0);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    await portal.stop();
    portal = await spawnPortal(env, await freePort());
    base = portal.baseUrl;
    const again = await download(await signIn(base, 'lead@mdr.example'));
    expect(again.status).toBe(200);
    expect(sha256(Buffer.from(await again.arrayBuffer()))).toBe(file.sha256);
  }, 360000);
});
