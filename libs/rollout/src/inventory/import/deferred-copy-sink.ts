import type { PoolClient } from 'pg';
import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import { CopyRowSink } from './copy-row-sink';
import type { RowSink } from './endpoint-row-stream';
import { StoredRows } from './stored-rows';

/** However large the inventory, this many rows are enough to tell a full export (memory bound). */
const MAX_WAITING_ROWS = 50_000;
/** A file this small is staged as it is: looking its few rows up costs less than reading the inventory. */
const MIN_WAITING_ROWS = 5_000;

/**
 * How many of a re-imported file's rows wait before the stored inventory is read: an eighth of
 * it (reading it costs about what staging and merging an eighth of its rows would), within the
 * bounds above. `storedEstimate` is the partition's row estimate (negative when unknown).
 */
export function rowsBeforeComparing(storedEstimate: number): number {
  return Math.min(MAX_WAITING_ROWS, Math.max(MIN_WAITING_ROWS, Math.ceil(storedEstimate / 8)));
}

/**
 * The staging side of a server-mode re-import. The weekly case is the customer's whole updated
 * export, nearly all of it unchanged: staging every row and merging them all cost the database
 * more than the parse cost this side. So the first rows wait here; once `threshold` of them have
 * come, the file is taken for such an export, the engagement's stored rows are read (StoredRows),
 * and only rows that differ from them are staged. A file that ends before is staged whole.
 */
export class DeferredCopySink implements RowSink {
  private rows: EndpointRow[] = [];
  private classifications: Classification[] = [];
  private sink: CopyRowSink | null = null;
  /** The stored rows compared against, when they were read. */
  private stored: StoredRows | null = null;

  constructor(
    private readonly client: PoolClient,
    private readonly engagementId: string,
    private readonly threshold: number,
  ) {}

  row(row: EndpointRow, classification: Classification): void {
    if (this.sink) return this.sink.row(row, classification);
    this.rows.push(row);
    this.classifications.push(classification);
  }

  async flush(): Promise<void> {
    if (!this.sink && this.rows.length >= this.threshold)
      await this.start(await StoredRows.read(this.client, this.engagementId));
    if (this.sink) await this.sink.flush();
  }

  async end(): Promise<void> {
    if (!this.sink) await this.start(null);
    await this.sink?.end();
  }

  async abort(error: Error): Promise<void> {
    await this.sink?.abort(error);
  }

  /** Rows sent to the staging table. */
  get staged(): number {
    return this.sink?.staged ?? 0;
  }

  /** Stored rows read for the comparison; null when the file was staged whole. */
  get storedRows(): number | null {
    return this.stored?.size ?? null;
  }

  private async start(stored: StoredRows | null): Promise<void> {
    this.stored = stored;
    const sink = new CopyRowSink(this.client, { kind: 'stage' }, stored);
    this.sink = sink;
    for (let i = 0; i < this.rows.length; i += 1) sink.row(this.rows[i], this.classifications[i]);
    this.rows = [];
    this.classifications = [];
    await sink.flush();
  }
}
