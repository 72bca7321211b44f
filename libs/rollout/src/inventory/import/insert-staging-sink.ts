import type { PoolClient } from 'pg';
import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import { STAGE_TABLE } from './copy-row-sink';
import type { RowSink } from './endpoint-row-stream';
import { TimeOrderedIds } from './time-ordered-ids';

const BATCH_ROWS = 1000;

/** One INSERT per batch: twelve arrays, whatever the batch size (no parameter limit to hit). */
const INSERT_SQL = `
  INSERT INTO ${STAGE_TABLE} (id, hostname, type, os_family, os_version, kernel, site, country, existing_product, tags, support_status, support_reason)
  SELECT id, hostname, type, os_family, os_version, kernel, site, country, existing_product, tags::text[], support_status, support_reason
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
      AS u(id, hostname, type, os_family, os_version, kernel, site, country, existing_product, tags, support_status, support_reason)`;

type Columns = [
  string[],
  string[],
  string[],
  string[],
  string[],
  (string | null)[],
  string[],
  string[],
  (string | null)[],
  string[],
  string[],
  string[],
];

function emptyColumns(): Columns {
  return [[], [], [], [], [], [], [], [], [], [], [], []];
}

/**
 * The embedded database's way into the staging table. PGlite behind the embedded socket server
 * cannot take COPY FROM STDIN (the copy sub-protocol loses sync and ends the one shared
 * session), so rows go in as batched multi-row INSERTs instead: the same table, the same
 * values as the COPY sink writes (tags as array literals, time-ordered ids).
 */
export class InsertStagingSink implements RowSink {
  private columns = emptyColumns();
  private rows = 0;
  private readonly ids = new TimeOrderedIds();

  constructor(private readonly client: PoolClient) {}

  row(row: EndpointRow, classification: Classification): void {
    const c = this.columns;
    c[0].push(this.ids.id());
    c[1].push(row.hostname);
    c[2].push(row.type);
    c[3].push(row.osFamily);
    c[4].push(row.osVersion);
    c[5].push(row.kernel);
    c[6].push(row.site);
    c[7].push(row.country);
    c[8].push(row.existingProduct);
    c[9].push(arrayLiteral(row.tags));
    c[10].push(classification.status);
    c[11].push(classification.reason);
    this.rows += 1;
  }

  async flush(): Promise<void> {
    if (this.rows >= BATCH_ROWS) await this.send();
  }

  async end(): Promise<void> {
    await this.send();
  }

  /** Nothing is in flight between batches: the transaction's rollback discards what was sent. */
  async abort(): Promise<void> {
    this.columns = emptyColumns();
    this.rows = 0;
  }

  private async send(): Promise<void> {
    if (this.rows === 0) return;
    const batch = this.columns;
    this.columns = emptyColumns();
    this.rows = 0;
    await this.client.query(INSERT_SQL, batch);
  }
}

/** A text[] literal: every element quoted (so "NULL" or "a,b" stay text), `"` and `\` escaped. */
function arrayLiteral(values: string[]): string {
  if (values.length === 0) return '{}';
  if (!values.some((v) => ARRAY_SPECIAL.test(v))) return `{"${values.join('","')}"}`;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const ARRAY_SPECIAL = /["\\]/;
