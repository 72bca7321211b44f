import { buildDataSourceOptions } from '@app/platform/database/data-source-options';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../migrations/schema';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const MIGRATION = 'OneEvidenceStore1765620000000';
const CHUNK = 512 * 1024;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

interface OldFile {
  id: string;
  completionId: string;
  position: number;
  fileName: string;
  contentType: string;
  kind: string;
  content: Buffer;
  uploadedAt: Date;
}

/**
 * OneEvidenceStore moves task-completion evidence (`evidence_file`, one bytea per file) into the
 * evidence store (`evidence_attachment` + `evidence_chunk`) and back: ids, hashes, uploader,
 * times, order and bytes survive both ways, and the store's own files are left as they were.
 */
describe('OneEvidenceStore: task evidence moves into the evidence store, and back', () => {
  let database: TestDatabase;
  let db: DataSource;
  const ids = {
    customer: randomUUID(),
    provider: randomUUID(),
    user: randomUUID(),
    engagement: randomUUID(),
    onboarding: randomUUID(),
    briefing: randomUUID(),
    console: randomUUID(),
    stepFile: randomUUID(),
  };
  const at = new Date('2026-11-02T03:00:00.000Z');
  const later = new Date('2026-11-03T09:30:00.000Z');
  // Two files of one completion sent at the same instant, and one file larger than two chunks.
  const files: OldFile[] = [
    {
      id: randomUUID(),
      completionId: ids.briefing,
      position: 0,
      fileName: '説明会資料.pdf',
      contentType: 'application/pdf',
      kind: 'pdf',
      content: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      uploadedAt: at,
    },
    {
      id: randomUUID(),
      completionId: ids.briefing,
      position: 1,
      fileName: 'attendees.csv',
      contentType: 'text/csv; charset=utf-8',
      kind: 'csv',
      content: Buffer.from('participant,department\n佐藤 花子,情報システム部\n'),
      uploadedAt: at,
    },
    {
      id: randomUUID(),
      completionId: ids.console,
      position: 0,
      fileName: 'console.png',
      contentType: 'image/png',
      kind: 'png',
      content: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        randomBytes(2 * CHUNK + 1000),
      ]),
      uploadedAt: later,
    },
  ];
  const stepFileBytes = Buffer.from('network diagram\n');

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

  /** An engagement with an onboarding, two completions, and a step file of the store itself. */
  async function people(): Promise<void> {
    await db.query(
      `INSERT INTO organisation (id, kind, name, language) VALUES ($1, 'customer', 'Sakura', 'ja'), ($2, 'provider', 'MDR', 'en')`,
      [ids.customer, ids.provider],
    );
    await db.query(
      `INSERT INTO app_user (id, organisation_id, email, display_name, language) VALUES ($1, $2, 'security@sakura.example', '佐藤 花子', 'ja')`,
      [ids.user, ids.customer],
    );
    await db.query(
      `INSERT INTO engagement (id, customer_organisation_id, provider_organisation_id, name) VALUES ($1, $2, $3, 'Sakura MDR')`,
      [ids.engagement, ids.customer, ids.provider],
    );
    await db.query(
      `INSERT INTO workflow_template (key, version, definition, checksum) VALUES ('migration-test', 1, '{}', 'x') ON CONFLICT DO NOTHING`,
    );
    await db.query(
      `INSERT INTO onboarding (id, engagement_id, template_key, template_version, planned_start_date, current_phase, sequence)
       VALUES ($1, $2, 'migration-test', 1, '2027-06-01', 'introduction', 1)`,
      [ids.onboarding, ids.engagement],
    );
  }

  /** What the old TaskEvidenceService wrote: a completion row, then one evidence_file row per file. */
  async function writeTheOldWay(): Promise<void> {
    for (const [completionId, stepKey, completedAt] of [
      [ids.briefing, 'staff_briefing', at],
      [ids.console, 'console_setup', later],
    ] as const)
      await db.query(
        `INSERT INTO step_completion (id, onboarding_id, engagement_id, step_key, note, completed_by, completed_at)
         VALUES ($1, $2, $3, $4, 'done', $5, $6)`,
        [completionId, ids.onboarding, ids.engagement, stepKey, ids.user, completedAt],
      );
    // Inserted in reverse, so the order of the rows is not the order of the files.
    for (const f of [...files].reverse())
      await db.query(
        `INSERT INTO evidence_file (id, completion_id, onboarding_id, engagement_id, step_key, position,
           file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
         SELECT $1, $2, onboarding_id, engagement_id, step_key, $3, $4, $5, $6, $7, $8, completed_by, $9
           FROM step_completion WHERE id = $2`,
        [
          f.id,
          f.completionId,
          f.position,
          f.fileName,
          f.contentType,
          f.content.length,
          sha256(f.content),
          f.content,
          f.uploadedAt,
        ],
      );
    // A file the store already kept for a step: it stays as it is.
    await db.query(
      `INSERT INTO evidence_attachment (id, engagement_id, subject_kind, subject_id, visibility, file_name, kind,
         content_type, size_bytes, sha256, chunk_count, uploaded_by, uploaded_at)
       VALUES ($1, $2, 'onboarding_step', $3, 'internal', 'network.txt', 'txt', 'text/plain; charset=utf-8', $4, $5, 1, $6, $7)`,
      [
        ids.stepFile,
        ids.engagement,
        randomUUID(),
        stepFileBytes.length,
        sha256(stepFileBytes),
        ids.user,
        later,
      ],
    );
    await db.query(`INSERT INTO evidence_chunk (attachment_id, seq, data) VALUES ($1, 0, $2)`, [
      ids.stepFile,
      stepFileBytes,
    ]);
  }

  /** The old table as the old code read it, in its order (the bytes by their hash: Jest compares big buffers slowly). */
  const oldRows = async () =>
    (await db.query(
      `SELECT id, completion_id, onboarding_id, engagement_id, step_key, position, file_name, content_type,
              size_bytes, sha256, encode(sha256(content), 'hex') AS content_sha256, octet_length(content) AS content_bytes,
              uploaded_by, uploaded_at
         FROM evidence_file ORDER BY completion_id, position`,
    )) as Record<string, unknown>[];

  /** The store's rows, each with its bytes put together again (by their hash), in the store's list order. */
  const storeRows = async () =>
    (await db.query(
      `SELECT a.id, a.engagement_id, a.subject_kind, a.subject_id, a.visibility, a.file_name, a.kind,
              a.content_type, a.size_bytes, a.sha256, a.chunk_count, a.uploaded_by, a.uploaded_at,
              encode(sha256(b.content), 'hex') AS content_sha256, octet_length(b.content) AS content_bytes
         FROM evidence_attachment a
         CROSS JOIN LATERAL (SELECT string_agg(c.data, ''::bytea ORDER BY c.seq) AS content
                               FROM evidence_chunk c WHERE c.attachment_id = a.id) b
        ORDER BY a.uploaded_at, a.seq`,
    )) as Record<string, unknown>[];

  const tableExists = async (name: string): Promise<boolean> =>
    (
      (await db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [name])) as {
        present: boolean;
      }[]
    )[0].present;

  test('up moves every file with its id, hash, uploader, time, order and bytes; down puts them back', async () => {
    await undoThrough();
    expect(await tableExists('evidence_file')).toBe(true);
    await people();
    await writeTheOldWay();
    const before = await oldRows();
    expect(before).toHaveLength(3);

    await db.runMigrations({ transaction: 'each' });
    expect(await applied()).toBe(true);
    expect(await tableExists('evidence_file')).toBe(false);

    const moved = await storeRows();
    // The two briefing files in the order sent, then the network diagram and the large screenshot.
    expect(moved.map((r) => r.id)).toEqual([files[0].id, files[1].id, ids.stepFile, files[2].id]);
    for (const f of files) {
      const row = moved.find((r) => r.id === f.id);
      expect(row).toEqual({
        id: f.id,
        engagement_id: ids.engagement,
        subject_kind: 'step_completion',
        subject_id: f.completionId,
        visibility: 'shared',
        file_name: f.fileName,
        kind: f.kind,
        content_type: f.contentType,
        size_bytes: f.content.length,
        sha256: sha256(f.content),
        chunk_count: Math.ceil(f.content.length / CHUNK),
        uploaded_by: ids.user,
        uploaded_at: f.uploadedAt,
        content_sha256: sha256(f.content),
        content_bytes: f.content.length,
      });
    }
    expect(moved.find((r) => r.id === files[2].id)?.chunk_count).toBe(3);
    expect(moved.find((r) => r.id === ids.stepFile)).toMatchObject({
      subject_kind: 'onboarding_step',
      visibility: 'internal',
      content_sha256: sha256(stepFileBytes),
    });
    // The store takes a completion's files from now on.
    await expect(
      db.query(
        `INSERT INTO evidence_attachment (engagement_id, subject_kind, subject_id, visibility, file_name, kind,
           content_type, size_bytes, sha256, chunk_count, uploaded_by, uploaded_at)
         VALUES ($1, 'step_completion', $2, 'shared', 'b.txt', 'txt', 'text/plain; charset=utf-8', 1, $3, 1, $4, now())`,
        [ids.engagement, ids.console, sha256(Buffer.from('b')), ids.user],
      ),
    ).resolves.toBeDefined();
    await db.query(`DELETE FROM evidence_attachment WHERE file_name = 'b.txt'`);

    await undoThrough();
    expect(await tableExists('evidence_file')).toBe(true);
    expect(await oldRows()).toEqual(before);
    expect(await db.query(`SELECT id FROM evidence_attachment`)).toEqual([{ id: ids.stepFile }]);
    await expect(
      db.query(`UPDATE evidence_attachment SET subject_kind = 'step_completion' WHERE id = $1`, [
        ids.stepFile,
      ]),
    ).rejects.toThrow(/evidence_attachment_subject_kind_check/);

    // Up once more: the same files again, as the store lists them.
    await db.runMigrations({ transaction: 'each' });
    expect((await storeRows()).map((r) => [r.id, r.sha256])).toEqual(
      moved.map((r) => [r.id, r.sha256]),
    );
  }, 180_000);

  test('down refuses to move back a completion file whose completion is gone, and changes nothing', async () => {
    expect(await applied()).toBe(true);
    const orphan = randomUUID();
    await db.query(
      `INSERT INTO evidence_attachment (id, engagement_id, subject_kind, subject_id, visibility, file_name, kind,
         content_type, size_bytes, sha256, chunk_count, uploaded_by, uploaded_at)
       VALUES ($1, $2, 'step_completion', $3, 'shared', 'lost.txt', 'txt', 'text/plain; charset=utf-8', 1, $4, 1, $5, now())`,
      [orphan, ids.engagement, randomUUID(), sha256(Buffer.from('x')), ids.user],
    );
    await expect(undoThrough()).rejects.toThrow(
      '1 completion files name no completion; nothing was moved back',
    );
    expect(await applied()).toBe(true);
    expect(await tableExists('evidence_file')).toBe(false);
    await db.query(`DELETE FROM evidence_attachment WHERE id = $1`, [orphan]);
  }, 180_000);
});
