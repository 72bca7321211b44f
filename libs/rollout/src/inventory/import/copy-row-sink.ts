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
import { HeldRows, STAGED_ROW_PREAMBLE } from './held-rows';
import { TimeOrderedIds } from './time-ordered-ids';

export const STAGE_TABLE = 'endpoint_import_stage';

/**
 * The endpoint columns a row carries, in the order CopyRowSink writes them: the ones a
 * classification is made from, and the classification, last (see OsTail).
 */
const ROW_COLUMNS =
  'id, hostname, site, country, existing_product, tags, type, os_family, os_version, kernel, support_status, support_reason';

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
 * transaction's own connection, sending each full chunk (see send for how much may wait); the
 * COPY starts with the first chunk sent, so a sink that stages nothing sends nothing. Ids are made
 * here, in place (time-ordered: see TimeOrderedIds). A re-import's sink (into the staging table)
 * may first hold its rows, encoded, until `compareWith` is given the stored rows; from then on a
 * row whose encoded fields equal a stored row's is taken back out of its chunk before it is sent:
 * it would not change anything.
 */
export class CopyRowSink implements RowSink {
  private readonly encoder = new CopyBinaryEncoder();
  private copy: Writable | null = null;
  private failure: Error | null = null;
  /** The engagement id field when copying straight into an endpoint table; the same for every row. */
  private readonly prefix: Buffer | null;
  private readonly fields: number;
  private readonly ids = new TimeOrderedIds();
  private readonly writeId = (target: Buffer, at: number): void => this.ids.writeTo(target, at);
  /** Keyed by classification (memoised per OS build); the fields are compared before reuse. */
  private readonly tails = new Map<Classification, OsTail>();
  private stored: StoredRows | null = null;
  /** While held: where each row lies (see HeldRows); null once sending. */
  private held: HeldRows | null;
  /** Rows sent or to be sent to the database (not those equal to their stored rows). */
  staged = 0;

  constructor(
    private readonly client: PoolClient,
    private readonly target: CopyTarget,
    hold = false,
  ) {
    if (hold && target.kind !== 'stage') throw new Error('only staged rows are compared');
    this.held = hold ? new HeldRows() : null;
    this.prefix =
      target.kind === 'stage'
        ? null
        : encodeFields((e) => e.binary(uuidBytes(target.engagementId)));
    this.fields = target.kind === 'stage' ? 12 : 13;
  }

  row(row: EndpointRow, classification: Classification): void {
    const e = this.encoder;
    const tail = this.osTail(row, classification);
    // A compared row is written into one chunk, so that it can be compared (and dropped) in place.
    if (this.held || this.stored) e.reserve(rowBound(row, tail));
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
    e.encoded(tail);
    this.staged += 1;
    if (e.chunksStarted !== chunk) return;
    if (this.held) this.held.add(chunk, rowAt, e.offset);
    else if (this.stored?.holds(e.current, rowAt + STAGED_ROW_PREAMBLE, e.offset)) {
      e.rewind(rowAt);
      this.staged -= 1;
    }
  }

  /**
   * Ends holding: the held rows equal to their stored ones are taken out of their chunks, the
   * rest are sent, and every later row is compared as it comes.
   */
  async compareWith(stored: StoredRows): Promise<void> {
    const held = this.held;
    if (!held) throw new Error('the rows are not held');
    this.held = null;
    this.stored = stored;
    const e = this.encoder;
    // The current chunk goes too (its rows are compacted in place; later rows start a new one).
    const last = e.offset > 0 ? e.chunksStarted : e.chunksStarted - 1;
    const chunks = e.take(true);
    this.staged -= held.dropEqual(chunks, last - chunks.length + 1, stored);
    await this.send(chunks);
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
    if (!this.held) await this.send(this.encoder.take());
  }

  /** Sends the rest (held rows too, uncompared) and ends the COPY, if one was begun or is needed. */
  async end(): Promise<void> {
    this.held = null;
    this.encoder.end();
    const rest = this.encoder.take(true);
    if (!this.copy && this.staged === 0) return;
    await this.send(rest);
    const copy = this.open();
    copy.end();
    await finished(copy);
    if (this.failure) throw this.failure;
  }

  /** Leaves COPY mode (CopyFail) so the connection can roll back. */
  async abort(error: Error): Promise<void> {
    if (!this.copy) return;
    this.copy.destroy(error);
    await finished(this.copy).catch(() => undefined);
  }

  private open(): Writable {
    if (this.copy) return this.copy;
    const target = this.target;
    const sql =
      target.kind === 'stage'
        ? `COPY ${STAGE_TABLE} (${ROW_COLUMNS}) FROM STDIN WITH (FORMAT binary)`
        : `COPY ${this.client.escapeIdentifier(target.table)} (engagement_id, ${ROW_COLUMNS}) FROM STDIN WITH (FORMAT binary)`;
    const copy = this.client.query(copyFrom(sql));
    copy.on('error', (error: Error) => {
      this.failure = error;
    });
    this.copy = copy;
    return copy;
  }

  /**
   * Queues the chunks and waits only while more than IN_FLIGHT_BYTES wait for the socket: the
   * database is the slower side, and a few chunks in hand keep it busy through this side's
   * garbage-collection pauses (memory stays bounded by that figure).
   */
  private async send(chunks: Buffer[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (chunks.length === 0) return;
    const copy = this.open();
    for (const chunk of chunks) copy.write(chunk);
    while (copy.writableLength > IN_FLIGHT_BYTES && !this.failure) await once(copy, 'drain');
    if (this.failure) throw this.failure;
  }
}

/** Field count, id, and the five lengths before the tail. */
const ROW_FIXED_BYTES = 2 + 4 + 16 + 5 * 4;
/** An array's length and header (dimensions, flags, element type, size, lower bound). */
const ARRAY_HEADER_BYTES = 4 + 20;
/** Worst case of UTF-8 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;

/** At least the bytes a staged row takes encoded (CopyBinaryEncoder's worst case per char). */
function rowBound(row: EndpointRow, tail: Buffer): number {
  let chars =
    row.hostname.length + row.site.length + row.country.length + (row.existingProduct?.length ?? 0);
  let bytes = ROW_FIXED_BYTES + ARRAY_HEADER_BYTES + tail.length;
  for (const tag of row.tags) {
    chars += tag.length;
    bytes += 4;
  }
  return bytes + chars * MAX_BYTES_PER_CHAR;
}

/** A uuid's 16 bytes from its text form. */
function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}
