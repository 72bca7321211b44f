import type { PoolClient } from 'pg';
import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import { CopyRowSink } from './copy-row-sink';
import type { RowSink } from './endpoint-row-stream';
import { StoredRows } from './stored-rows';

/** However large the inventory, this many rows are enough to tell a whole export. */
const MAX_ROWS_BEFORE = 50_000;
/** A file this small is staged as it is: looking its few rows up costs less than reading the inventory. */
const MIN_ROWS_BEFORE = 5_000;

/**
 * How many of a re-imported file's rows are staged before the stored inventory is read and the
 * rest compared with it: a twentieth of the inventory (reading it costs the database about what
 * merging that many rows would), within the bounds above. `storedEstimate` is the partition's
 * row estimate (negative when unknown).
 */
export function rowsBeforeComparing(storedEstimate: number): number {
  return Math.min(MAX_ROWS_BEFORE, Math.max(MIN_ROWS_BEFORE, Math.ceil(storedEstimate / 20)));
}

/**
 * The staging side of a server-mode re-import. The weekly case is the customer's whole updated
 * export, nearly all of it unchanged: staging every row and merging them all cost the database
 * more than the parse cost this side. So once `threshold` rows have been staged, the file is
 * taken for such an export: that COPY is ended, the engagement's stored rows are read
 * (StoredRows), and the rest of the file goes through a second COPY that leaves out rows equal to
 * their stored ones. A smaller file is staged whole, as before. (The first rows are staged as they
 * come rather than held back: rows kept alive across collections made V8 allocate every later
 * row in the old generation, which cost more than merging them.)
 */
export class ReimportCopySink implements RowSink {
  private sink: CopyRowSink;
  private rows = 0;
  /** Rows staged by COPYs already ended. */
  private stagedBefore = 0;
  private stored: StoredRows | null = null;

  constructor(
    private readonly client: PoolClient,
    private readonly engagementId: string,
    private readonly threshold: number,
  ) {
    this.sink = new CopyRowSink(client, { kind: 'stage' });
  }

  row(row: EndpointRow, classification: Classification): void {
    this.rows += 1;
    this.sink.row(row, classification);
  }

  async flush(): Promise<void> {
    if (!this.stored && this.rows >= this.threshold) {
      await this.sink.end();
      this.stagedBefore = this.sink.staged;
      this.stored = await StoredRows.read(this.client, this.engagementId);
      this.sink = new CopyRowSink(this.client, { kind: 'stage' }, this.stored);
    }
    await this.sink.flush();
  }

  end(): Promise<void> {
    return this.sink.end();
  }

  abort(error: Error): Promise<void> {
    return this.sink.abort(error);
  }

  /** Rows sent to the staging table. */
  get staged(): number {
    return this.stagedBefore + this.sink.staged;
  }

  /** Stored rows read for the comparison; null when the file was staged whole. */
  get storedRows(): number | null {
    return this.stored?.size ?? null;
  }
}
