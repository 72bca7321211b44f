// Not in the time-shifted run (CI time): its server-mode twin test/notify/queues-on-time and the embedded journey
// (test/journey/journey-embedded) run there, covering how business-clock times become real delays.
import { startEmbeddedPostgres } from '@app/platform';
import { Client } from 'pg';
import { EmbeddedPortal } from '../journey/support/embedded-env';
import { ADMIN, LEAD, SECURITY, walkSakuraOnboarding } from '../journey/support/onboarding-walk';
import { until } from '../support/polling';

/**
 * Embedded mode, through the booted process: jobs run through BullMQ's PostgreSQL backend on
 * PGlite, where NOTIFY never reaches a worker's LISTEN connection. Once delayed jobs wait (every
 * step that opens schedules a reminder days ahead and an escalation at its due date), a worker
 * used to block until the earliest of them was due, at most an hour, so a mail requested now
 * and a delayed job due sooner waited with it. Each must now arrive within a bound (20 s) that
 * such a wait misses by far.
 */
const WITHIN_MS = 20_000;
const PASSWORD = 'Embedded-queue-2026-wisteria';
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

interface MailboxItem {
  to: string;
  subject: string;
  text: string;
  /** When the mail landed in the dev mailbox (the database's real time, not the business clock). */
  createdAt: string;
}

describe('embedded mode: queued jobs run on time', () => {
  // An escalation contact has one minute to acknowledge before the next one is called.
  const portal = new EmbeddedPortal(PASSWORD, { ESCALATION_ACK_MINUTES: '1' });
  const lines: string[] = [];
  /** The first mail to `to` matching, that landed at or after `since` (real ms), read as the platform admin. */
  const mailTo = (
    to: string,
    match: RegExp,
    since: number,
    withinMs: number,
  ): Promise<MailboxItem> =>
    until(
      `a mail to ${to} matching ${match}`,
      async () =>
        (
          await portal.client.ok<{ items: MailboxItem[] }>(
            ADMIN,
            'GET',
            '/api/dev/mailbox?limit=200',
          )
        ).items
          .filter(
            (m) =>
              m.to.includes(to) &&
              Date.parse(m.createdAt) >= since &&
              (match.test(m.subject) || match.test(m.text)),
          )
          .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0],
      withinMs,
      100,
    );

  beforeAll(() => portal.start(), 180_000);
  afterAll(() => portal.dispose());

  it('delivers mail requested now and runs a delayed job when due, however many delayed jobs wait days ahead', async () => {
    try {
      // Sakura's onboarding, walked to the service start: the reminders and escalations of every
      // step that opens wait as delayed jobs, and each mail the walk reads (the domain-permission
      // mail above all) must arrive meanwhile.
      const { engagementId } = await walkSakuraOnboarding(portal.env((line) => lines.push(line)));

      // An invitation: its welcome mail is requested now.
      const organisations = await portal.client.ok<{ items: { id: string; name: string }[] }>(
        ADMIN,
        'GET',
        '/api/organisations',
      );
      const northwind = organisations.items.find((o) => o.name === 'Northwind Retail')?.id;
      const invitedAt = Date.now();
      await portal.client.ok(ADMIN, 'POST', '/api/users', {
        email: 'new-analyst@northwind.example',
        displayName: 'New Analyst',
        organisationId: northwind,
        role: 'customer_it',
        countryCode: 'US',
      });
      const welcome = await mailTo(
        'new-analyst@northwind.example',
        /./,
        invitedAt - 1000,
        WITHIN_MS,
      );

      // An incident: the first contact (the security lead) is called now; the second (the
      // Chinese IT staff) once the first has not acknowledged within the minute, by a delayed
      // job due then.
      const openedAt = Date.now();
      const incident = await portal.client.ok<{
        escalations: { position: number; notifiedAt: string; ackDueAt: string }[];
      }>(LEAD, 'POST', `/api/engagements/${engagementId}/incidents`, {
        title: 'Ransomware on tky-pc-0042',
        severity: 'critical',
      });
      const answeredAt = Date.now();
      const [first] = incident.escalations;
      expect(first?.position).toBe(0);
      const escalationMail = /【エスカレーション】/;
      await mailTo(SECURITY, escalationMail, openedAt - 1000, WITHIN_MS);
      // The deadline in real time: as far from the answer as it is from the call on the business clock.
      const ackWindow = Date.parse(first?.ackDueAt ?? '') - Date.parse(first?.notifiedAt ?? '');
      const dueAt = answeredAt + ackWindow;
      const second = await mailTo(
        'it-cn@sakura.example',
        escalationMail,
        openedAt,
        dueAt - Date.now() + WITHIN_MS,
      );
      // Called because the minute passed, not before.
      expect(Date.parse(second.createdAt)).toBeGreaterThanOrEqual(openedAt + ackWindow);

      await portal.stop();

      // What waited meanwhile, and how soon the worker took each job, from the queue's own rows.
      const jobs = await queueJobs(portal.dataDir);
      const farAhead = jobs.filter(
        (j) => j.state === 'delayed' && Number(j.process_at_ms) > answeredAt + DAY_MS,
      );
      expect(farAhead.length).toBeGreaterThanOrEqual(50);
      const welcomeJob = jobs.filter((j) => j.name === 'welcome-email').at(-1);
      const timeoutJob = jobs.find(
        (j) => j.name === 'incident-escalation-timeout' && j.state === 'completed',
      );
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
      console.error(
        `journey so far:\n${lines.join('\n')}\nportal output:\n${portal.portal?.output().slice(-6000) ?? ''}`,
      );
      throw error;
    }
  }, 900_000);
});
