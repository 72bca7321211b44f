import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import type { RowSink } from './endpoint-row-stream';

export const STAGE_TABLE = 'endpoint_import_stage';

/** The staging table lives for the transaction only; it holds classified rows before the upsert. */
export const CREATE_STAGE_SQL = `
  CREATE TEMP TABLE ${STAGE_TABLE} (
    line int NOT NULL,
    hostname text NOT NULL,
    type text NOT NULL,
    os_family text NOT NULL,
    os_version text NOT NULL,
    kernel text,
    site text NOT NULL,
    country text NOT NULL,
    existing_product text,
    tags text NOT NULL,
    support_status text NOT NULL,
    support_reason text NOT NULL
  ) ON COMMIT DROP`;

const FLUSH_AT = 256 * 1024;

/**
 * Streams rows into `COPY endpoint_import_stage FROM STDIN` (text format) on the transaction's
 * own connection, buffering a few hundred kilobytes and waiting when the socket is full.
 */
export class CopyStagingSink implements RowSink {
  private buffer = '';
  private readonly copy: NodeJS.WritableStream & { destroy(error?: Error): void };
  private failure: Error | null = null;

  constructor(client: PoolClient) {
    this.copy = client.query(copyFrom(`COPY ${STAGE_TABLE} FROM STDIN`));
    this.copy.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  row(row: EndpointRow, classification: Classification, line: number): void {
    this.buffer +=
      `${line}\t${text(row.hostname)}\t${row.type}\t${row.osFamily}\t${text(row.osVersion)}\t${nullable(row.kernel)}\t` +
      `${text(row.site)}\t${row.country}\t${nullable(row.existingProduct)}\t${text(row.tags.join(';'))}\t` +
      `${classification.status}\t${text(classification.reason)}\n`;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length < FLUSH_AT) return;
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
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.copy.write(chunk)) await once(this.copy, 'drain');
    if (this.failure) throw this.failure;
  }
}

/** COPY text format: backslash, tab and line breaks escaped. */
function text(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

function nullable(value: string | null): string {
  return value === null ? '\\N' : text(value);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
