import { ValidationException } from '@app/platform';
import { CsvParser, CsvRecord } from '../inventory/csv/csv-parser';
import { DeploymentRecordInput, MAX_DEPLOYMENT_RECORDS } from './deployment-records';

/** Largest deployment CSV accepted (10,000 rows of hostname, status and a reason fit easily). */
export const DEPLOYMENT_CSV_MAX_BYTES = 5 * 1024 * 1024;

const DEPLOYMENT_CSV_COLUMNS = ['hostname', 'status', 'reason'] as const;

/** Where a CSV value came from, for a 400: `line 3: status`. */
export const csvLineField =
  (lines: number[]) =>
  (i: number, name: string): string =>
    `line ${lines[i]}: ${name}`;

/**
 * A deployment CSV (UTF-8, RFC 4180, BOM and CRLF accepted): a header naming hostname and status,
 * and reason optionally, in any order; one row per endpoint. Structural problems answer 400
 * naming the line; the rows' values are checked with every other record.
 */
export function parseDeploymentCsv(text: string): {
  inputs: DeploymentRecordInput[];
  lines: number[];
} {
  const rows: CsvRecord[] = [];
  const parser = new CsvParser((record) => rows.push(record));
  parser.write(text);
  parser.end();
  const [header, ...body] = rows;
  if (!header)
    throw new ValidationException([
      { field: 'file', reason: 'is empty: expected a header line hostname,status,reason' },
    ]);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(DEPLOYMENT_CSV_COLUMNS as readonly string[]).includes(n));
  const missing = ['hostname', 'status'].filter((n) => !names.includes(n));
  if (unknown.length || missing.length || new Set(names).size !== names.length) {
    throw new ValidationException([
      {
        field: 'line 1',
        reason: `the header must name hostname, status and optionally reason (got ${names.join(',')})`,
      },
    ]);
  }
  if (body.length > MAX_DEPLOYMENT_RECORDS)
    throw new ValidationException([
      { field: 'file', reason: `has more than ${MAX_DEPLOYMENT_RECORDS} rows` },
    ]);
  const column = (record: CsvRecord, name: string): string =>
    record.fields[names.indexOf(name)] ?? '';
  const broken = body.filter((r) => r.error || r.fields.length !== names.length);
  if (broken.length > 0) {
    throw new ValidationException(
      broken.slice(0, 20).map((r) => ({
        field: `line ${r.line}`,
        reason: r.error ?? `has ${r.fields.length} fields, expected ${names.length}`,
      })),
    );
  }
  return {
    inputs: body.map((r) => ({
      hostname: column(r, 'hostname'),
      status: column(r, 'status'),
      reason: names.includes('reason') ? column(r, 'reason') : null,
    })),
    lines: body.map((r) => r.line),
  };
}
