import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import type { RowSink } from './endpoint-row-stream';
import { CopyBinaryEncoder, encodeFields } from './copy-binary-encoder';
import { TimeOrderedIds } from './time-ordered-ids';

export const STAGE_TABLE = 'endpoint_import_stage';

/** The endpoint columns a row carries, in the order CopyRowSink writes them. */
const ROW_COLUMNS = 'id, hostname, type, os_family, os_version, kernel, site, country, existing_product, tags, support_status, support_reason';

/** The staging table lives for the transaction only; it holds classified rows before the upsert. */
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
 * Where the rows go: the staging table (then an upsert), or, when the engagement has no endpoints
 * yet, straight into `endpoint` (nothing to upsert against; the transaction still makes it
 * all-or-nothing).
 */
export type CopyTarget = { kind: 'stage' } | { kind: 'endpoint'; engagementId: string };

/**
 * Streams rows into `COPY ... FROM STDIN` in the binary format (see CopyBinaryEncoder) on the
 * transaction's own connection, sending each full chunk and waiting when the socket is full.
 * Ids are made here, in place (time-ordered: see TimeOrderedIds).
 */
export class CopyRowSink implements RowSink {
  private readonly encoder = new CopyBinaryEncoder();
  private readonly copy: NodeJS.WritableStream & { destroy(error?: Error): void };
  private failure: Error | null = null;
  /** The engagement id field when copying straight into `endpoint`; the same for every row. */
  private readonly prefix: Buffer | null;
  private readonly fields: number;
  private readonly ids = new TimeOrderedIds();
  private readonly writeId = (target: Buffer, at: number): void => this.ids.writeTo(target, at);
  /** The last two fields per classification (classifications are memoised: few distinct ones). */
  private readonly tails = new Map<Classification, Buffer>();

  constructor(client: PoolClient, target: CopyTarget) {
    const sql =
      target.kind === 'stage'
        ? `COPY ${STAGE_TABLE} (${ROW_COLUMNS}) FROM STDIN WITH (FORMAT binary)`
        : `COPY endpoint (engagement_id, ${ROW_COLUMNS}) FROM STDIN WITH (FORMAT binary)`;
    this.prefix = target.kind === 'stage' ? null : encodeFields((e) => e.binary(uuidBytes(target.engagementId)));
    this.fields = target.kind === 'stage' ? 12 : 13;
    this.copy = client.query(copyFrom(sql));
    this.copy.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  row(row: EndpointRow, classification: Classification): void {
    let tail = this.tails.get(classification);
    if (tail === undefined) {
      tail = encodeFields((e) => {
        e.text(classification.status);
        e.text(classification.reason);
      });
      this.tails.set(classification, tail);
    }
    const e = this.encoder;
    e.row(this.fields);
    if (this.prefix) e.encoded(this.prefix);
    e.fixed(16, this.writeId);
    e.text(row.hostname);
    e.text(row.type);
    e.text(row.osFamily);
    e.text(row.osVersion);
    e.nullableText(row.kernel);
    e.text(row.site);
    e.text(row.country);
    e.nullableText(row.existingProduct);
    e.textArray(row.tags);
    e.encoded(tail);
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

  private async send(chunks: Buffer[]): Promise<void> {
    if (this.failure) throw this.failure;
    for (const chunk of chunks) {
      if (!this.copy.write(chunk)) await once(this.copy, 'drain');
      if (this.failure) throw this.failure;
    }
  }
}

/** A uuid's 16 bytes from its text form. */
function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}
