import { runMigrations } from '@app/platform';
import { Client } from 'pg';
import { SCHEMA } from '../../migrations/schema';
import { runCli } from '../support/run-cli';
import { freePort, RunningPortal, spawnPortal } from '../support/spawn-portal';
import { TEST_PASSWORD } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { loginAt, serverEnv, sleep, until } from './support/fault-kit';
import { OwnPostgres, startOwnPostgres } from './support/own-postgres';

/*
 * Fault: PostgreSQL (our own server) is stopped under API load and started again. While it is
 * away the API answers 503 SERVICE_UNAVAILABLE with Retry-After, promptly (the pool gives up
 * after connectionTimeoutMillis), and /health says down; once it is back the API serves 200
 * again within seconds. User invitations sent throughout either exist completely (user, audit
 * record, outbox message) or not at all, and the audit chain verifies.
 */

/** A request that has not answered after this long counts as hanging. */
const HANG_MS = 20_000;

interface Outcome {
  status: number | 'hung' | 'network';
  retryAfter: string | null;
  code: string | null;
}

async function call(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(HANG_MS) });
    const text = await response.text();
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { code?: string }).code ?? null;
    } catch {
      code = null;
    }
    return { status: response.status, retryAfter: response.headers.get('retry-after'), code };
  } catch (error: unknown) {
    return {
      status: error instanceof Error && error.name === 'TimeoutError' ? 'hung' : 'network',
      retryAfter: null,
      code: null,
    };
  }
}

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('faults: PostgreSQL restarted under API load', () => {
  let pg: OwnPostgres;
  let api: RunningPortal | null = null;
  let databaseUrl: string;

  beforeAll(async () => {
    pg = await startOwnPostgres();
    await sql(pg.url(), 'CREATE DATABASE mdr');
    databaseUrl = pg.url('mdr');
    await runMigrations(databaseUrl, SCHEMA);
    api = await spawnPortal(
      serverEnv({
        databaseUrl,
        redisUrl: TEST_REDIS_URL,
        queuePrefix: `faults_pg_${process.pid}`,
        extra: { SEED_DEMO: 'true', DEMO_PASSWORD: TEST_PASSWORD },
      }),
      await freePort(),
    );
  }, 180_000);

  afterAll(async () => {
    await api?.kill('SIGKILL');
    pg?.destroy();
  }, 60_000);

  it('answers 503 with Retry-After while the database is down, recovers, and writes nothing by halves', async () => {
    const base = (api as RunningPortal).baseUrl;
    // Northwind's own security lead invites its people.
    const northwindLead = await loginAt(base, 'security@northwind.example', TEST_PASSWORD);
    const lead = await loginAt(base, 'lead@mdr.example', TEST_PASSWORD);
    const [{ id: organisationId }] = await sql<{ id: string }>(
      databaseUrl,
      `SELECT id FROM organisation WHERE name = 'Northwind Retail'`,
    );

    // Load: two readers and one writer, each in a loop, recording every outcome by phase.
    let phase: 'before' | 'outage' | 'after' = 'before';
    let running = true;
    const reads: (Outcome & { phase: string })[] = [];
    const writes: (Outcome & { phase: string; email: string })[] = [];
    const reader = async (): Promise<void> => {
      while (running) {
        const at = phase;
        reads.push({
          ...(await call(`${base}/api/engagements`, { headers: { authorization: lead } })),
          phase: at,
        });
        await sleep(25); // a steady load, not a busy loop on a shared 2-core machine
      }
    };
    let n = 0;
    const writer = async (): Promise<void> => {
      while (running) {
        const email = `pg-fault-${(n += 1)}@northwind.example`;
        const at = phase;
        const outcome = await call(`${base}/api/users`, {
          method: 'POST',
          headers: { authorization: northwindLead, 'content-type': 'application/json' },
          body: JSON.stringify({
            email,
            displayName: email.split('@')[0],
            organisationId,
            role: 'customer_it',
            countryCode: 'US',
          }),
        });
        writes.push({ ...outcome, phase: at, email });
        await sleep(25);
      }
    };
    const load = Promise.all([reader(), reader(), writer()]);
    let recoveredMs = -1;
    try {
      await until(
        'some successful reads',
        () => (reads.filter((r) => r.status === 200).length >= 5 ? true : undefined),
        30_000,
      );
      phase = 'outage';
      pg.stop('fast');
      // Stay down long enough for many requests to meet the outage.
      await until(
        '503s for reads and writes',
        () => {
          const outage = [...reads, ...writes].filter((o) => o.phase === 'outage');
          const odd = outage.filter(
            (o) => o.status !== 503 && o.status !== 200 && o.status !== 201,
          );
          if (odd.length > 0)
            throw new Error(
              `unexpected answers during the outage: ${JSON.stringify(odd.slice(0, 5))}`,
            );
          const reads503 = reads.filter((r) => r.phase === 'outage' && r.status === 503).length;
          const writes503 = writes.filter((w) => w.phase === 'outage' && w.status === 503).length;
          return reads503 >= 5 && writes503 >= 2 ? true : undefined;
        },
        60_000,
      );
      await sleep(3000); // and a little longer, under load
      const health = await call(`${base}/health`, {});
      expect(health.status).toBe(503);

      pg.start();
      const restarted = Date.now();
      phase = 'after';
      await until(
        'a 200 after the restart',
        async () =>
          (await call(`${base}/api/engagements`, { headers: { authorization: lead } })).status ===
          200
            ? true
            : undefined,
        15_000,
        200,
      );
      recoveredMs = Date.now() - restarted;
      await sleep(1500);
    } catch (error: unknown) {
      console.error(`API output:\n${(api as RunningPortal).output().slice(-6000)}`);
      throw error;
    } finally {
      running = false;
      await load;
    }

    // Nothing hung, nothing answered 500: every failure was a 503 with Retry-After.
    const all = [...reads, ...writes];
    expect(all.filter((o) => o.status === 'hung' || o.status === 'network')).toEqual([]);
    expect(all.filter((o) => o.status !== 200 && o.status !== 201 && o.status !== 503)).toEqual([]);
    const unavailable = all.filter((o) => o.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(
      unavailable.filter((o) => o.code !== 'SERVICE_UNAVAILABLE' || o.retryAfter === null),
    ).toEqual([]);
    expect(writes.filter((w) => w.phase === 'after' && w.status === 201).length).toBeGreaterThan(0);
    expect((await call(`${base}/health`, {})).status).toBe(200);

    // Each invitation exists with its audit record and outbox message, or not at all.
    const rows = await sql<{ email: string; users: number; audits: number; outbox: number }>(
      databaseUrl,
      `
      SELECT e.email,
             (SELECT count(*) FROM app_user u WHERE u.email = e.email)::int AS users,
             (SELECT count(*) FROM app_user u JOIN audit_record a ON a.subject_id = u.id::text AND a.action = 'user.created'
               WHERE u.email = e.email)::int AS audits,
             (SELECT count(*) FROM outbox_message m WHERE m.job_name = 'welcome-email' AND m.payload ->> 'email' = e.email)::int AS outbox
        FROM unnest(ARRAY[${writes.map((w) => `'${w.email}'`).join(',')}]::text[]) AS e(email)`,
    );
    const half = rows.filter(
      (r) => !(r.users === r.audits && r.audits === r.outbox && r.users <= 1),
    );
    expect(half).toEqual([]);
    const created = new Set(rows.filter((r) => r.users === 1).map((r) => r.email));
    expect(writes.filter((w) => w.status === 201 && !created.has(w.email))).toEqual([]);
    expect(
      writes.filter((w) => w.status === 503 && created.has(w.email)).length,
    ).toBeLessThanOrEqual(1);

    const verify = runCli(['audit-verify'], {
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: 'x'.repeat(32),
      SESSION_SECRET: 'y'.repeat(32),
    });
    expect(verify.stdout).toMatch(/audit chain intact: \d+ records verified/);
    expect(verify.status).toBe(0);
    // For the report: how long the API took to serve again after PostgreSQL accepted connections.
    console.log(
      `faults/postgres: ${reads.length} reads, ${writes.length} writes, ${unavailable.length} answered 503, serving again ${recoveredMs} ms after the restart`,
    );
  }, 300_000);
});
