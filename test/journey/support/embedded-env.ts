import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RunningPortal, spawnPortal } from '../../support/spawn-portal';
import { testClockNow } from '../../support/test-clock';
import { JourneyClient } from './journey-client';
import { DevMailbox } from './mail-readers';
import type { JourneyEnv } from './onboarding-walk';

const DAY = 86_400_000;

/**
 * The booted embedded portal (`npm start` without the build: PGlite in a DATA_DIR of its own,
 * jobs and mail in the same process, the dev mailbox), as a journey's environment. Weeks pass
 * as they would for a person: the portal is stopped and started again on the same DATA_DIR with
 * its clock that much later (CLOCK_AT), and everyone signs in again.
 */
export class EmbeddedPortal {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'mdr-journey-'));
  portal: RunningPortal | null = null;
  private port = 0;
  private offsetMs = 0;
  readonly client: JourneyClient;
  readonly mail: DevMailbox;

  constructor(
    readonly password: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.client = new JourneyClient('', password);
    this.mail = new DevMailbox(this.client);
  }

  async start(): Promise<void> {
    this.port = this.port || (await freePort());
    const clockAt = new Date(testClockNow().getTime() + this.offsetMs).toISOString();
    this.portal = await spawnPortal(
      {
        DATA_DIR: this.dataDir,
        DEMO_PASSWORD: this.password,
        LOG_LEVEL: 'warn',
        CLOCK_AT: clockAt,
        ...this.extraEnv,
      },
      this.port,
    );
    this.client.baseUrl = this.portal.baseUrl;
  }

  async stop(): Promise<void> {
    if (this.portal) await this.portal.stop();
    this.portal = null;
  }

  /** What the portal's business clock reads now. */
  now(): Date {
    return new Date(testClockNow().getTime() + this.offsetMs);
  }

  async advanceDays(days: number): Promise<void> {
    await this.stop();
    this.offsetMs += days * DAY;
    await this.start();
    this.client.forgetTokens();
  }

  env(say: (line: string) => void): JourneyEnv {
    return {
      client: this.client,
      mail: this.mail,
      now: () => this.now(),
      advanceDays: (days) => this.advanceDays(days),
      say,
    };
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
