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
 * more than the parse cost this side. So the rows are first held, encoded (see CopyRowSink); once
 * `threshold` rows have come, the file is taken for such an export: the engagement's stored rows
 * are read (StoredRows), the held rows equal to theirs are dropped, and from then on only rows
 * that differ from their stored ones are sent, on the one COPY. A smaller file is staged whole, as
 * before. (Holding the parsed rows instead made V8 allocate every later row in the old
 * generation; held bytes are Buffers, outside the collected heap. Staging the first rows instead,
 * as before, cost a COPY and a merge of them: 10,000 index lookups for nothing in the unchanged
 * case.)
 */
export class ReimportCopySink implements RowSink {
  private readonly sink: CopyRowSink;
  private rows = 0;
  private stored: StoredRows | null = null;

  constructor(
    private readonly client: PoolClient,
    private readonly engagementId: string,
    private readonly threshold: number,
  ) {
    this.sink = new CopyRowSink(client, { kind: 'stage' }, true);
  }

  row(row: EndpointRow, classification: Classification): void {
    this.rows += 1;
    this.sink.row(row, classification);
  }

  async flush(): Promise<void> {
    if (!this.stored && this.rows >= this.threshold) {
      this.stored = await StoredRows.read(this.client, this.engagementId);
      await this.sink.compareWith(this.stored);
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
    return this.sink.staged;
  }

  /** Stored rows read for the comparison; null when the file was staged whole. */
  get storedRows(): number | null {
    return this.stored?.size ?? null;
  }
}
