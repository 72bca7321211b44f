// date-sensitive: reminders and acknowledgement deadlines become real delays (realRunAt)
import { startEmbeddedPostgres } from '@app/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, RunningPortal, spawnPortal } from '../support/spawn-portal';
import { PortalClient, startSakuraService } from './support/portal-client';

/**
 * Embedded mode, through the booted process: jobs run through BullMQ's PostgreSQL backend on
 * PGlite, where NOTIFY never reaches a worker's LISTEN connection. Once delayed jobs wait (every
 * step that opens schedules a reminder days ahead and an escalation at its due date), a worker
 * used to block until the earliest of them was due, at most an hour, so a mail requested now
 * and a delayed job due sooner waited with it. Each must now arrive within a bound (20 s) that
 * such a wait misses by far.
 */
const WITHIN_MS = 20_000;
const PASSWORD = 'embedded-demo-password';
const DAY_MS = 24 * 3600_000;

interface JobRow {
  name: string;
  state: string;
  added_at_ms: string;
  process_at_ms: string | null;
  processed_at_ms: string | null;
}

/** The mail queue's jobs as the stopped portal left them in its DATA_DIR. */
async function queueJobs(dataDir: string): Promise<JobRow[]> {
  const database = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
  const client = new Client({ connectionString: database.url });
  try {
    await client.connect();
    const { rows } = await client.query<JobRow>(
      `SELECT name, state, added_at_ms, process_at_ms, processed_at_ms FROM bullmq.job WHERE queue = 'mail' ORDER BY added_at_ms`,
    );
    return rows;
  } finally {
    await client.end().catch(() => undefined);
    await database.stop();
  }
}

describe('embedded mode: queued jobs run on time', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mdr-embedded-queue-'));
  let portal: RunningPortal | null = null;

  afterAll(async () => {
    if (portal) await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers mail requested now and runs a delayed job when due, however many delayed jobs wait days ahead', async () => {
    portal = await spawnPortal(
      // An escalation contact has one minute to acknowledge before the next one is called.
      { DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', ESCALATION_ACK_MINUTES: '1' },
      await freePort(),
    );
    const client = new PortalClient(portal.baseUrl, PASSWORD);
    try {
      await client.mailTo('admin@portal.example', /./, 0, WITHIN_MS);

      // Sakura's onboarding, driven to the service start: the reminders and escalations of every
      // step that opens wait as delayed jobs, and the domain-permission mail must arrive meanwhile.
      const engagementId = await startSakuraService(client, WITHIN_MS);

      // An invitation: its welcome mail is requested now.
      const organisations = (await client.ok('admin@portal.example', 'GET', '/api/organisations')) as { items: { id: string; name: string }[] };
      const northwind = organisations.items.find((o) => o.name === 'Northwind Retail')?.id;
      const invitedAt = Date.now();
      await client.ok('admin@portal.example', 'POST', '/api/users', {
        email: 'new-analyst@northwind.example',
        displayName: 'New Analyst',
        organisationId: northwind,
        role: 'customer_it',
        countryCode: 'US',
      });
      const welcome = await client.mailTo('new-analyst@northwind.example', /./, invitedAt - 1000, WITHIN_MS);

      // An incident: the first contact is called now; the second once the first has not
      // acknowledged within the minute, by a delayed job due then.
      const openedAt = Date.now();
      const incident = (await client.ok('lead@mdr.example', 'POST', `/api/engagements/${engagementId}/incidents`, {
        title: 'Ransomware on sk-pc-0042',
        severity: 'critical',
      })) as { escalations: { position: number; notifiedAt: string; ackDueAt: string }[] };
      const answeredAt = Date.now();
      const [first] = incident.escalations;
      expect(first?.position).toBe(0);
      const escalationMail = /【エスカレーション】/;
      await client.mailTo('contact1@sakura.example', escalationMail, openedAt - 1000, WITHIN_MS);
      // The deadline in real time: as far from the answer as it is from the call on the business clock.
      const ackWindow = Date.parse(first?.ackDueAt ?? '') - Date.parse(first?.notifiedAt ?? '');
      const dueAt = answeredAt + ackWindow;
      const second = await client.mailTo('contact2@sakura.example', escalationMail, openedAt, dueAt - Date.now() + WITHIN_MS);
      // Called because the minute passed, not before.
      expect(Date.parse(second.createdAt)).toBeGreaterThanOrEqual(openedAt + ackWindow);

      expect(await portal.stop()).toBe(0);
      portal = null;

      // What waited meanwhile, and how soon the worker took each job, from the queue's own rows.
      const jobs = await queueJobs(dataDir);
      const farAhead = jobs.filter((j) => j.state === 'delayed' && Number(j.process_at_ms) > answeredAt + DAY_MS);
      expect(farAhead.length).toBeGreaterThanOrEqual(50);
      const welcomeJob = jobs.filter((j) => j.name === 'welcome-email').at(-1);
      const timeoutJob = jobs.find((j) => j.name === 'incident-escalation-timeout' && j.state === 'completed');
      expect(welcomeJob?.state).toBe('completed');
      expect(timeoutJob).toBeDefined();
      const immediatePickUp = Number(welcomeJob?.processed_at_ms) - Number(welcomeJob?.added_at_ms);
      const delayedPickUp = Number(timeoutJob?.processed_at_ms) - Number(timeoutJob?.process_at_ms);
      console.log(
        `embedded queue: ${farAhead.length} delayed jobs waiting over a day ahead; ` +
          `invitation to mailbox ${Date.parse(welcome.createdAt) - invitedAt} ms (worker pick-up ${immediatePickUp} ms after the add); ` +
          `escalation timeout picked up ${delayedPickUp} ms after its due time, next contact's mail ${Date.parse(second.createdAt) - dueAt} ms after it`,
      );
    } catch (error: unknown) {
      console.error(`portal output:\n${portal?.output().slice(-6000) ?? ''}`);
      throw error;
    }
  }, 420_000);
});
