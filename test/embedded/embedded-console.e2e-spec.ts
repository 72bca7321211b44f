import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  RunningPortal,
  spawnPortal,
  spawnPortalOnTerminal,
} from '../support/spawn-portal';

const BANNER_TOP = '==================== MDR onboarding portal ====================';
const BANNER_END = '===============================================================';

/** The output's lines as a terminal shows them (a pseudo-terminal ends lines with CR LF). */
function linesOf(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => line.trim() !== '');
}

function jsonRecord(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Waits for the banner's last line: on a terminal it is printed right after the portal listens. */
async function bannerPrinted(portal: RunningPortal): Promise<void> {
  for (let i = 0; i < 600 && !portal.output().includes(BANNER_END); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * `npm start` in embedded mode: on a terminal, human-readable lines, no route listing, the banner
 * last; into a pipe (a log collector), the JSON lines as ever.
 */
describe('the embedded console', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-console-'));
  const env = { DATA_DIR: dataDir, DEMO_PASSWORD: 'embedded-demo-password', LOG_LEVEL: 'info' };
  let portal: RunningPortal | null = null;

  afterAll(async () => {
    if (portal) await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on a terminal: no JSON, no route listing, and the banner is the last thing start prints', async () => {
    portal = await spawnPortalOnTerminal(env, await freePort());
    await bannerPrinted(portal);
    expect((await fetch(`${portal.baseUrl}/health`)).status).toBe(200);
    const lines = linesOf(portal.output());

    expect(lines.filter((line) => jsonRecord(line) !== null)).toEqual([]);
    expect(
      lines.filter((line) =>
        /Mapped \{|RoutesResolver|RouterExplorer|dependencies initialized/.test(line),
      ),
    ).toEqual([]);
    // Start does log at info, as a person reads it: time, level, context, message.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[SigningKeys\] Checkpoints are signed with key \w+/,
      ),
    );

    const top = lines.indexOf(BANNER_TOP);
    expect(top).toBeGreaterThan(0);
    expect(lines[top - 1]).toMatch(/^MDR portal listening on 127\.0\.0\.1:\d+/);
    const banner = lines.slice(top);
    expect(banner[banner.length - 1]).toBe(BANNER_END);
    expect(banner).toContain(`Open ${portal.baseUrl.replace('127.0.0.1', 'localhost')}/login`);
    expect(banner).toContainEqual(
      expect.stringMatching(/^ {2}security@sakura\.example +customer_security_lead$/),
    );
    expect(banner.filter((line) => line === BANNER_END)).toHaveLength(1);

    expect(await portal.stop()).toBe(0);
    portal = null;
  }, 240000);

  it('into a pipe: the JSON lines as before, the route listing among them', async () => {
    portal = await spawnPortal(env, await freePort());
    expect((await fetch(`${portal.baseUrl}/health`)).status).toBe(200);
    const records = linesOf(portal.output())
      .map(jsonRecord)
      .filter((record): record is Record<string, unknown> => record !== null);

    expect(records.length).toBeGreaterThan(100);
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 30,
        context: 'RouterExplorer',
        msg: expect.stringMatching(/^Mapped \{\/api\/ping, GET\} route$/),
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ level: 30, context: 'SigningKeys', time: expect.any(Number) }),
    );
    expect(
      linesOf(portal.output()).filter((line) =>
        /^\d\d:\d\d:\d\d\.\d{3} (INFO|WARN|ERROR)/.test(line),
      ),
    ).toEqual([]);
    expect(portal.output()).toContain(BANNER_TOP);
  }, 240000);
});
