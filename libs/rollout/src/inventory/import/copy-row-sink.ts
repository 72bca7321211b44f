import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import type { RowSink } from './endpoint-row-stream';
import { CopyBinaryEncoder, encodeFields } from './copy-binary-encoder';
import type { StoredRows } from './stored-rows';
import { TimeOrderedIds } from './time-ordered-ids';

export const STAGE_TABLE = 'endpoint_import_stage';

/**
 * The endpoint columns a row carries, in the order CopyRowSink writes them: the ones a
 * classification is made from, and the classification, last (see OsTail).
 */
const ROW_COLUMNS =
  'id, hostname, site, country, existing_product, tags, type, os_family, os_version, kernel, support_status, support_reason';

/** A staged row's field count, id length and id: its compared fields (see StoredRows) follow. */
const STAGED_ROW_PREAMBLE = 2 + 4 + 16;

/** How much encoded COPY data may wait for the socket before the reader pauses. */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/** Bounds the tails kept, as the classifier bounds its memo. */
const MAX_TAILS = 10_000;

/**
 * The last six fields of a row (type, OS family and version, kernel, status, reason), encoded
 * once per classification: an estate has few distinct OS builds, so most rows copy these bytes
 * instead of encoding four strings and two constants again.
 */
interface OsTail {
  type: string;
  osFamily: string;
  osVersion: string;
  kernel: string | null;
  bytes: Buffer;
}

/** The staging table lives for the transaction only; it holds classified rows before the merge. */
export const CREATE_STAGE_SQL = `
  CREATE TEMP TABLE ${STAGE_TABLE} (
    id uuid NOT NULL,
    hostname text NOT NULL,
    type text NOT NULL,
    os_family text NOT NULL,
    os_version text NOT NULL,
    kernel text,
    site text NOT NULL,
    country text NOT NULL,
    existing_product text,
    tags text[] NOT NULL,
    support_status text NOT NULL,
    support_reason text NOT NULL
  ) ON COMMIT DROP`;

/**
 * Where the rows go: the staging table (then a merge), or, when the engagement has no endpoints
 * yet, straight into `table` (nothing to merge with; the transaction still makes it
 * all-or-nothing): `endpoint` itself, or the engagement's new partition, to be attached after.
 */
export type CopyTarget =
  | { kind: 'stage'; storedEstimate?: number }
  | { kind: 'endpoints'; table: string; engagementId: string; newPartition: boolean };

/**
 * Streams rows into `COPY ... FROM STDIN` in the binary format (see CopyBinaryEncoder) on the
 * transaction's own connection, sending each full chunk (see send for how much may wait).
 * Ids are made here, in place (time-ordered: see TimeOrderedIds). Given the stored rows (a
 * re-import into the staging table), a row whose encoded fields equal its stored row's is taken
 * back out of the chunk before it is sent: it would not change anything.
 */
export class CopyRowSink implements RowSink {
  private readonly encoder = new CopyBinaryEncoder();
  private readonly copy: Writable;
  private failure: Error | null = null;
  /** The engagement id field when copying straight into an endpoint table; the same for every row. */
  private readonly prefix: Buffer | null;
  private readonly fields: number;
  private readonly ids = new TimeOrderedIds();
  private readonly writeId = (target: Buffer, at: number): void => this.ids.writeTo(target, at);
  /** Keyed by classification (memoised per OS build); the fields are compared before reuse. */
  private readonly tails = new Map<Classification, OsTail>();
  /** Rows sent to the database (the others were equal to their stored rows). */
  staged = 0;

  constructor(
    client: PoolClient,
    target: CopyTarget,
    private readonly stored: StoredRows | null = null,
  ) {
    if (stored && target.kind !== 'stage') throw new Error('only staged rows are compared');
    const sql =
      target.kind === 'stage'
        ? `COPY ${STAGE_TABLE} (${ROW_COLUMNS}) FROM STDIN WITH (FORMAT binary)`
        : `COPY ${client.escapeIdentifier(target.table)} (engagement_id, ${ROW_COLUMNS}) FROM STDIN WITH (FORMAT binary)`;
    this.prefix =
      target.kind === 'stage'
        ? null
        : encodeFields((e) => e.binary(uuidBytes(target.engagementId)));
    this.fields = target.kind === 'stage' ? 12 : 13;
    this.copy = client.query(copyFrom(sql));
    this.copy.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  row(row: EndpointRow, classification: Classification): void {
    const e = this.encoder;
    const entry = this.stored ? this.stored.find(row.hostname) : -1;
    const chunk = e.chunksStarted;
    const rowAt = e.offset;
    e.row(this.fields);
    if (this.prefix) e.encoded(this.prefix);
    e.fixed(16, this.writeId);
    e.text(row.hostname);
    e.text(row.site);
    e.text(row.country);
    e.nullableText(row.existingProduct);
    e.textArray(row.tags);
    e.encoded(this.osTail(row, classification));
    if (
      entry >= 0 &&
      e.chunksStarted === chunk &&
      this.stored?.sameAs(entry, e.current, rowAt + STAGED_ROW_PREAMBLE, e.offset)
    ) {
      e.rewind(rowAt);
      return;
    }
    this.staged += 1;
  }

  private osTail(row: EndpointRow, classification: Classification): Buffer {
    const known = this.tails.get(classification);
    if (
      known &&
      known.type === row.type &&
      known.osFamily === row.osFamily &&
      known.osVersion === row.osVersion &&
      known.kernel === row.kernel
    ) {
      return known.bytes;
    }
    const bytes = encodeFields((e) => {
      e.text(row.type);
      e.text(row.osFamily);
      e.text(row.osVersion);
      e.nullableText(row.kernel);
      e.text(classification.status);
      e.text(classification.reason);
    });
    if (this.tails.size >= MAX_TAILS) this.tails.clear();
    this.tails.set(classification, {
      type: row.type,
      osFamily: row.osFamily,
      osVersion: row.osVersion,
      kernel: row.kernel,
      bytes,
    });
    return bytes;
  }

  async flush(): Promise<void> {
    await this.send(this.encoder.take());
  }

  async end(): Promise<void> {
    this.encoder.end();
    await this.send(this.encoder.take(true));
    this.copy.end();
    await finished(this.copy);
    if (this.failure) throw this.failure;
  }

  /** Leaves COPY mode (CopyFail) so the connection can roll back. */
  async abort(error: Error): Promise<void> {
    this.copy.destroy(error);
    await finished(this.copy).catch(() => undefined);
  }

  /**
   * Queues the chunks and waits only while more than IN_FLIGHT_BYTES wait for the socket: the
   * database is the slower side, and a few chunks in hand keep it busy through this side's
   * garbage-collection pauses (memory stays bounded by that figure).
   */
  private async send(chunks: Buffer[]): Promise<void> {
    if (this.failure) throw this.failure;
    for (const chunk of chunks) this.copy.write(chunk);
    while (this.copy.writableLength > IN_FLIGHT_BYTES && !this.failure)
      await once(this.copy, 'drain');
    if (this.failure) throw this.failure;
  }
}

/** A uuid's 16 bytes from its text form. */
function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}
