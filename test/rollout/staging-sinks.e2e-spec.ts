import { Classification, classifyEndpoint, EndpointRow, supportMatrixFor } from '@app/rollout';
import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';
import {
  CopyRowSink,
  CREATE_STAGE_SQL,
  STAGE_TABLE,
} from '../../libs/rollout/src/inventory/import/copy-row-sink';
import { InsertStagingSink } from '../../libs/rollout/src/inventory/import/insert-staging-sink';
import { startTestApp, TestApp } from '../support/test-app';

const ROWS: EndpointRow[] = [
  {
    hostname: 'tky-pc-001',
    type: 'client',
    osFamily: 'windows',
    osVersion: '10.0.26100',
    kernel: null,
    site: '東京本社',
    country: 'JP',
    existingProduct: 'Legacy AV 12',
    tags: ['office', 'finance'],
  },
  {
    hostname: 'odd-1',
    type: 'server',
    osFamily: 'linux',
    osVersion: 'Ubuntu\t22.04 \\ back',
    kernel: '6.8.0-40',
    site: 'Line\nbreak\r',
    country: 'CN',
    existingProduct: null,
    tags: [],
  },
  ...Array.from({ length: 2500 }, (_, i): EndpointRow => ({
    hostname: `gen-${i}`,
    type: 'client',
    osFamily: 'windows',
    osVersion: 'Windows 7',
    kernel: null,
    site: `Site ${i % 7}`,
    country: 'JP',
    existingProduct: i % 2 ? 'AV' : null,
    tags: ['bulk'],
  })),
];

interface Sink {
  row: InsertStagingSink['row'];
  flush(): Promise<void>;
  end(): Promise<void>;
}

/**
 * The embedded database's INSERT path into the staging table must leave exactly what the COPY
 * path leaves (escapes, NULLs, tags, batches), checked on the real PostgreSQL where both work.
 */
describe('staging sinks: batched INSERT (embedded) equals COPY (server)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  const classifyNew = (row: EndpointRow): Classification =>
    classifyEndpoint(supportMatrixFor('example-edr'), row, '2026-06-01', 180);

  async function stageWith(
    make: (client: PoolClient) => Sink,
    rows: EndpointRow[] = ROWS,
    classify = classifyNew,
  ): Promise<unknown[]> {
    const runner: QueryRunner = t.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      await client.query(CREATE_STAGE_SQL);
      const sink = make(client);
      // As the reader does: the rows of a chunk, then a flush (which sends whole batches).
      for (const [i, row] of rows.entries()) {
        sink.row(row, classify(row));
        if (i % 300 === 299) await sink.flush();
      }
      await sink.end();
      // Ids are made per sink (time-ordered, random tail): compare everything else.
      const staged = (
        await client.query(`SELECT * FROM ${STAGE_TABLE} ORDER BY hostname COLLATE "C"`)
      ).rows;
      expect(staged.every((r: { id: string }) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(r.id))).toBe(
        true,
      );
      for (const r of staged) delete (r as { id?: string }).id;
      await runner.rollbackTransaction();
      return staged;
    } finally {
      await runner.release();
    }
  }

  it('stages the same rows either way', async () => {
    const copied = await stageWith((client) => new CopyRowSink(client, { kind: 'stage' }));
    const inserted = await stageWith((client) => new InsertStagingSink(client));
    expect(copied).toHaveLength(ROWS.length);
    expect(inserted).toEqual(copied);
    const byHost = (host: string): unknown =>
      (inserted as { hostname: string }[]).find((r) => r.hostname === host);
    expect(byHost('odd-1')).toMatchObject({
      os_version: 'Ubuntu\t22.04 \\ back',
      site: 'Line\nbreak\r',
      existing_product: null,
      kernel: '6.8.0-40',
      tags: [],
    });
    expect(byHost('tky-pc-001')).toMatchObject({
      site: '東京本社',
      tags: ['office', 'finance'],
      kernel: null,
      support_status: 'supported',
    });
  });

  it('writes each row its own OS fields even when rows share one classification object', async () => {
    const shared = classifyNew(ROWS[0]);
    const again = ROWS.slice(0, 2).map((r, i) => ({
      ...r,
      hostname: `${r.hostname}-again`,
      osVersion: `${r.osVersion} SP${i}`,
    }));
    const rows = [...ROWS.slice(0, 2), ...again];
    const copied = (await stageWith(
      (client) => new CopyRowSink(client, { kind: 'stage' }),
      rows,
      () => shared,
    )) as { hostname: string; type: string; os_version: string; kernel: string | null }[];
    const byteOrder = (a: EndpointRow, b: EndpointRow): number =>
      Buffer.compare(Buffer.from(a.hostname), Buffer.from(b.hostname));
    expect(copied.map((r) => [r.hostname, r.type, r.os_version, r.kernel])).toEqual(
      [...rows].sort(byteOrder).map((r) => [r.hostname, r.type, r.osVersion, r.kernel]),
    );
  });
});
