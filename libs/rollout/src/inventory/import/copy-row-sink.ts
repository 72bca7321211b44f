import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import type { RowSink } from './endpoint-row-stream';
import { CopyLineEncoder } from './copy-line-encoder';
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

const FLUSH_AT = 256 * 1024;

/**
 * Streams rows into `COPY ... FROM STDIN` (text format) on the transaction's own connection,
 * buffering a few hundred kilobytes and waiting when the socket is full. Ids are made here
 * (time-ordered: see TimeOrderedIds).
 */
export class CopyRowSink implements RowSink {
  private readonly lines: CopyLineEncoder;
  private readonly copy: NodeJS.WritableStream & { destroy(error?: Error): void };
  private failure: Error | null = null;

  constructor(client: PoolClient, target: CopyTarget) {
    const sql =
      target.kind === 'stage' ? `COPY ${STAGE_TABLE} (${ROW_COLUMNS}) FROM STDIN` : `COPY endpoint (engagement_id, ${ROW_COLUMNS}) FROM STDIN`;
    this.lines = new CopyLineEncoder(target.kind === 'stage' ? '' : `${target.engagementId}\t`, new TimeOrderedIds());
    this.copy = client.query(copyFrom(sql));
    this.copy.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  row(row: EndpointRow, classification: Classification): void {
    this.lines.add(row, classification);
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.lines.length < FLUSH_AT) return;
    await this.send();
  }

  async end(): Promise<void> {
    await this.send();
    this.copy.end();
    await finished(this.copy);
    if (this.failure) throw this.failure;
  }

  /** Leaves COPY mode (CopyFail) so the connection can roll back. */
  async abort(error: Error): Promise<void> {
    this.copy.destroy(error);
    await finished(this.copy).catch(() => undefined);
  }

  private async send(): Promise<void> {
    if (this.lines.length === 0) return;
    if (!this.copy.write(this.lines.take())) await once(this.copy, 'drain');
    if (this.failure) throw this.failure;
  }
}

/** A text[] literal: every element quoted (so "NULL" or "a,b" stay text), `"` and `\` escaped. */
export function arrayLiteral(values: string[]): string {
  if (values.length === 0) return '{}';
  if (!values.some((v) => ARRAY_SPECIAL.test(v))) return `{"${values.join('","')}"}`;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const ARRAY_SPECIAL = /["\\]/;
