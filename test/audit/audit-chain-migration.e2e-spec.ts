import { AuditService, GENESIS_HASH, verifyAuditChains } from '@app/audit';
import { legacyAuditHash } from '@app/audit/legacy-global-chain';
import { buildDataSourceOptions } from '@app/platform/database/data-source-options';
import { Clock } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../migrations/schema';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testClockNow } from '../support/test-clock';

const MIGRATION = 'ChainAuditPerEngagement1765400000000';

/**
 * ChainAuditPerEngagement splits the one global chain into a chain per engagement (and one for
 * the platform), verified before and after, and joins them again on the way down.
 */
describe('ChainAuditPerEngagement: the global chain splits per engagement, and joins again', () => {
  let database: TestDatabase;
  let db: DataSource;
  const engagements = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions(database.url, SCHEMA, 1));
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const applied = async (): Promise<boolean> =>
    (
      (await db.query(`SELECT count(*)::int AS n FROM schema_migrations WHERE name = $1`, [
        MIGRATION,
      ])) as { n: number }[]
    )[0].n === 1;

  /** Undoes migrations from the newest until this one is undone. */
  async function undoThrough(): Promise<void> {
    while (await applied()) await db.undoLastMigration({ transaction: 'each' });
  }

  /** What the old writer wrote: one global chain, contiguous seq, hashes over the seq. */
  async function appendLegacy(count: number): Promise<void> {
    const [{ max }] = (await db.query(
      `SELECT COALESCE(max(seq), 0)::int AS max FROM audit_record`,
    )) as { max: number }[];
    let [{ hash: previous }] = (await db.query(
      `SELECT COALESCE((SELECT hash FROM audit_record ORDER BY seq DESC LIMIT 1), $1) AS hash`,
      [GENESIS_HASH],
    )) as { hash: string }[];
    for (let i = 1; i <= count; i += 1) {
      const seq = String(max + i);
      const engagementId = i % 3 === 0 ? null : engagements[i % 2];
      const fields = {
        seq,
        occurredAt: new Date(testClockNow().getTime() + i * 1000),
        actorUserId: null,
        actorOrganisationId: null,
        actorIp: '127.0.0.1',
        actorUserAgent: 'jest',
        action: `thing.changed`,
        subjectType: 'thing',
        subjectId: `t-${seq}`,
        organisationId: null,
        engagementId,
        changes: { n: i, nested: { b: 1, a: [2, 1] } },
        prevHash: previous,
      };
      const hash = legacyAuditHash(fields);
      await db.query(
        `INSERT INTO audit_record (seq, occurred_at, actor_ip, actor_user_agent, action, subject_type, subject_id, engagement_id, changes, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          seq,
          fields.occurredAt,
          fields.actorIp,
          fields.actorUserAgent,
          fields.action,
          fields.subjectType,
          fields.subjectId,
          engagementId,
          JSON.stringify(fields.changes),
          previous,
          hash,
        ],
      );
      previous = hash;
    }
  }

  const contents = async () =>
    (await db.query(
      `SELECT action, subject_id, engagement_id, changes, occurred_at FROM audit_record ORDER BY seq`,
    )) as unknown[];

  test('up splits a verified chain into verified chains; down joins them into a verified global chain', async () => {
    await undoThrough();
    await appendLegacy(30);
    const before = await contents();

    // A broken global chain is refused, and nothing changes.
    await db.query('ALTER TABLE audit_record DISABLE TRIGGER USER');
    await db.query(`UPDATE audit_record SET action = 'forged' WHERE seq = 7`);
    await expect(db.runMigrations({ transaction: 'each' })).rejects.toThrow(
      'The global audit chain is broken before the split: record 7 was altered; nothing was migrated',
    );
    expect(await applied()).toBe(false);
    await db.query(`UPDATE audit_record SET action = 'thing.changed' WHERE seq = 7`);
    await db.query('ALTER TABLE audit_record ENABLE TRIGGER USER');

    await db.runMigrations({ transaction: 'each' });
    expect(await applied()).toBe(true);
    const split = await verifyAuditChains(db);
    expect(split).toMatchObject({ ok: true, checked: 30, chains: 3 });
    expect(await contents()).toEqual(before);
    // Each engagement's records are contiguous from #1 in their old order.
    for (const engagementId of engagements) {
      const rows = (await db.query(
        `SELECT seq::int AS seq, chain, chain_seq::int AS "chainSeq" FROM audit_record WHERE engagement_id = $1 ORDER BY seq`,
        [engagementId],
      )) as { seq: number; chain: string; chainSeq: number }[];
      expect(rows.map((r) => r.chainSeq)).toEqual(rows.map((_, i) => i + 1));
      expect(new Set(rows.map((r) => r.chain))).toEqual(new Set([`engagement:${engagementId}`]));
    }
    const heads = (await db.query(
      `SELECT chain, seq::int AS seq FROM audit_chain_head ORDER BY chain`,
    )) as { chain: string; seq: number }[];
    expect(heads.map((h) => h.seq).reduce((a, b) => a + b, 0)).toBe(30);

    // New records go to their chains through the writer; a rolled-back one leaves a gap in seq.
    const audit = new AuditService(new Clock({ clockAt: testClockNow() }));
    const actor = { userId: null, organisationId: null, ip: '127.0.0.1', userAgent: 'jest' };
    await db.transaction((manager) =>
      audit.record(manager, actor, {
        action: 'after.split',
        subjectType: 'thing',
        subjectId: 'a',
        engagementId: engagements[0],
        changes: {},
      }),
    );
    await db
      .transaction(async (manager) => {
        await audit.record(manager, actor, {
          action: 'rolled.back',
          subjectType: 'thing',
          subjectId: 'b',
          changes: {},
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.transaction((manager) =>
      audit.record(manager, actor, {
        action: 'after.split',
        subjectType: 'thing',
        subjectId: 'c',
        changes: {},
      }),
    );
    expect(await verifyAuditChains(db)).toMatchObject({ ok: true, checked: 32, chains: 3 });
    const [{ max }] = (await db.query(`SELECT max(seq)::int AS max FROM audit_record`)) as {
      max: number;
    }[];
    expect(max).toBe(33);
    const afterSplit = await contents();

    await undoThrough();
    const seqs = (await db.query(`SELECT seq::int AS seq FROM audit_record ORDER BY seq`)) as {
      seq: number;
    }[];
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(await contents()).toEqual(afterSplit);
    // The joined chain verifies as the old verifier walked it.
    let previous = GENESIS_HASH;
    for (const r of (await db.query(`SELECT * FROM audit_record ORDER BY seq`)) as Record<
      string,
      never
    >[]) {
      const record = r as unknown as { seq: string; prev_hash: string; hash: string } & Record<
        string,
        unknown
      >;
      expect(record.prev_hash).toBe(previous);
      expect(
        legacyAuditHash({
          seq: record.seq,
          occurredAt: record.occurred_at as Date,
          actorUserId: record.actor_user_id as string | null,
          actorOrganisationId: record.actor_organisation_id as string | null,
          actorIp: record.actor_ip as string | null,
          actorUserAgent: record.actor_user_agent as string | null,
          action: record.action as string,
          subjectType: record.subject_type as string,
          subjectId: record.subject_id as string,
          organisationId: record.organisation_id as string | null,
          engagementId: record.engagement_id as string | null,
          changes: record.changes as Record<string, unknown>,
          prevHash: previous,
        }),
      ).toBe(record.hash);
      previous = record.hash;
    }

    // A broken chain is not joined either; whole again, up once more.
    await db.runMigrations({ transaction: 'each' });
    expect(await verifyAuditChains(db)).toMatchObject({ ok: true, checked: 32 });
    await db.query('ALTER TABLE audit_record DISABLE TRIGGER USER');
    await db.query(`UPDATE audit_record SET subject_id = 'forged' WHERE seq = 3`);
    const [{ chain, chain_seq: chainSeq }] = (await db.query(
      `SELECT chain, chain_seq::text FROM audit_record WHERE seq = 3`,
    )) as { chain: string; chain_seq: string }[];
    await expect(undoThrough()).rejects.toThrow(
      `The audit chains are broken before they are joined again: record ${chain} #${chainSeq} was altered; nothing was migrated`,
    );
    expect(await applied()).toBe(true);
    await db.query(`UPDATE audit_record SET subject_id = 't-3' WHERE seq = 3`);
    await db.query('ALTER TABLE audit_record ENABLE TRIGGER USER');
    expect((await verifyAuditChains(db)).ok).toBe(true);
  });
});
