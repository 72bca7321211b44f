import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool, PoolClient } from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@app/platform/database/embedded-postgres';

// PGlite over pglite-socket, spoken to by the ordinary `pg` driver as if it were a server.
describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres | undefined;
  let pool: Pool | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mdr-embedded-pg-'));
  });

  afterEach(async () => {
    await pool?.end();
    pool = undefined;
    await embedded?.stop();
    embedded = undefined;
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<Pool> {
    embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 20 });
    pool = new Pool({ connectionString: embedded.url, max: 10 });
    return pool;
  }

  it('serves a postgres:// URL on loopback, persisted under dataDir/pgdata', async () => {
    const db = await start();
    expect(embedded?.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect((await stat(join(dataDir, 'pgdata'))).isDirectory()).toBe(true);
    const { rows } = await db.query<{ n: number; path: string }>(
      'SELECT $1::int + 1 AS n, current_setting($2) AS path',
      [41, 'search_path'],
    );
    expect(rows[0].n).toBe(42);
    // BullMQ's schema is on the shared session's path (its pooled startup options are ignored).
    expect(rows[0].path).toContain('bullmq');
    expect(rows[0].path.indexOf('public')).toBeLessThan(rows[0].path.indexOf('bullmq'));
  });

  it('keeps concurrent transactions apart: a ROLLBACK never undoes another commit', async () => {
    const db = await start();
    await db.query('CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL)');

    const a = await db.connect();
    const b = await db.connect();
    const done: PoolClient[] = [a, b];
    try {
      // Interleave the two sessions' statements as closely as the server lets them.
      const committer = (async () => {
        await a.query('BEGIN');
        await a.query('INSERT INTO note VALUES ($1, $2)', [1, 'committed']);
        await new Promise((r) => setTimeout(r, 50));
        await a.query('INSERT INTO note VALUES ($1, $2)', [2, 'committed too']);
        await a.query('COMMIT');
      })();
      const rollbacker = (async () => {
        await b.query('BEGIN');
        await b.query('INSERT INTO note VALUES ($1, $2)', [3, 'rolled back']);
        await new Promise((r) => setTimeout(r, 20));
        await b.query('ROLLBACK');
      })();
      await Promise.all([committer, rollbacker]);
    } finally {
      done.forEach((client) => client.release());
    }

    const { rows } = await db.query<{ id: number }>('SELECT id FROM note ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it('frees the session when a client vanishes inside a transaction', async () => {
    const db = await start();
    await db.query('CREATE TABLE orphan (id int PRIMARY KEY)');
    const vanishing = new Client({ connectionString: embedded?.url });
    vanishing.on('error', () => undefined);
    await vanishing.connect();
    await vanishing.query('BEGIN');
    await vanishing.query('INSERT INTO orphan VALUES (1)');
    // Others wait while it owns the session, then run once its socket is gone.
    const waiting = db.query('INSERT INTO orphan VALUES (2)');
    await new Promise((r) => setTimeout(r, 100));
    await vanishing.end();
    await waiting;
    const { rows } = await db.query<{ id: number }>('SELECT id FROM orphan ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([2]);
  });

  it('refuses connections beyond maxConnections with a PostgreSQL error', async () => {
    embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    const clients = [1, 2].map(() => new Client({ connectionString: embedded?.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const third = new Client({ connectionString: embedded.url });
      await expect(third.connect()).rejects.toThrow(/too many clients/);
      // The two admitted ones still work.
      const { rows } = await clients[1].query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0].one).toBe(1);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    }
  });

  it('answers many concurrent clients correctly, with failures isolated', async () => {
    const db = await start();
    await db.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
    await db.query('INSERT INTO counter VALUES (1, 0)');

    const results = await Promise.allSettled(
      Array.from({ length: 200 }, async (_, i) => {
        if (i % 5 === 0) {
          // A failing transaction: its increment must vanish, nobody else's.
          const client = await db.connect();
          try {
            await client.query('BEGIN');
            await client.query('UPDATE counter SET n = n + 1000 WHERE id = 1');
            await client.query('SELECT 1 / $1::int', [0]);
          } catch {
            await client.query('ROLLBACK');
            return 'rolled back';
          } finally {
            client.release();
          }
          throw new Error('division by zero did not fail');
        }
        if (i % 2 === 0) {
          const client = await db.connect();
          try {
            await client.query('BEGIN');
            await client.query('UPDATE counter SET n = n + 1 WHERE id = 1');
            await client.query('COMMIT');
          } finally {
            client.release();
          }
          return 'committed';
        }
        const { rows } = await db.query<{ v: string }>('SELECT $1::text AS v', [`echo-${i}`]);
        expect(rows[0].v).toBe(`echo-${i}`);
        return 'read';
      }),
    );
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([]);
    const committed = results.filter((r) => r.status === 'fulfilled' && r.value === 'committed');
    const { rows } = await db.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
    expect(rows[0].n).toBe(committed.length);
  });

  it('finds its data again after stop and restart on the same folder', async () => {
    let db = await start();
    await db.query('CREATE TABLE survivor (id int PRIMARY KEY, body text NOT NULL)');
    await db.query('INSERT INTO survivor VALUES (1, $1)', ['still here']);
    // A client left inside an open transaction when the server stops must not leak it.
    const dangling = new Client({ connectionString: embedded?.url });
    dangling.on('error', () => undefined);
    await dangling.connect();
    await dangling.query('BEGIN');
    await dangling.query('INSERT INTO survivor VALUES (2, $1)', ['never committed']);

    await pool?.end();
    pool = undefined;
    await embedded?.stop();
    embedded = undefined;
    await dangling.end().catch(() => undefined);

    db = await start();
    const { rows } = await db.query<{ id: number; body: string }>(
      'SELECT id, body FROM survivor ORDER BY id',
    );
    expect(rows).toEqual([{ id: 1, body: 'still here' }]);
  });
});
